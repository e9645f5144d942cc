// Virtual time as people say it: "0.3 s", "12.5 s", "1 min 12 s",
// "3 h 30 min", "2 d 4 h". Shared by the terminal transcript and the window
// (sequence chart, timeline), so a time reads the same everywhere.
#pragma once

#include <string>

#include "sim/trace/trace.hpp"

namespace maillab::sim {

// Below a minute: seconds, with millisecond detail under one second, tenths
// from ten seconds on. From a minute on: the two largest units, rounded.
std::string duration_text(SimTime us);

}  // namespace maillab::sim
