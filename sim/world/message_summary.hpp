// What views show of a message without parsing all of it: its Subject.
#pragma once

#include <string>
#include <string_view>

namespace maillab::sim {

// The unfolded Subject header of a message, or "(no subject)".
std::string subject_of(std::string_view message);

}  // namespace maillab::sim
