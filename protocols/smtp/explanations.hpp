// The plain-language meaning of every SMTP command and reply code, with the
// RFC section that defines it. One table (explanations.cpp), used by both
// sessions for every event they emit, and by the transcript and the GUI.
#pragma once

#include <string_view>

#include "protocols/core/explanation.hpp"

namespace maillab::protocols::smtp {

// By command verb ("RCPT"); an unknown verb gets the explanation of 500.
core::Explanation explain_command(std::string_view verb);
// By reply code and, where it changes the meaning, the enhanced status code
// ("550", "5.1.1"); falls back to the code alone, then to its class.
core::Explanation explain_reply(int code, std::string_view enhanced = {});

}  // namespace maillab::protocols::smtp
