// JSON-lines export of a trace: one object per event, in trace order, with
// default fields left out. Text that is valid UTF-8 is written as a JSON
// string; anything else (TLS ciphertext, 8-bit mail) as "<field>_base64".
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "sim/trace/trace.hpp"

namespace maillab::sim {

void write_jsonl(const Trace& trace, std::ostream& out);
std::string to_jsonl_line(const Trace& trace, const Event& event);
// A JSON string literal for UTF-8 text, quotes included.
std::string json_quote(std::string_view utf8);

}  // namespace maillab::sim
