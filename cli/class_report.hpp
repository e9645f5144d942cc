// `maillab serve --classroom --class-report FILE`: the class table as JSON,
// written when serve stops, so a test or a teacher's script reads the same
// counts the window shows.
#pragma once

#include <string>

#include "viz/model/class_table.hpp"

namespace maillab::cli {

// {"students": [{"account", "apps", "protocols", "sent", "received",
//   "sessions", "open_sessions"}...], "unidentified_open_sessions": N}
std::string class_report_json(const viz::ClassTable& table);

}  // namespace maillab::cli
