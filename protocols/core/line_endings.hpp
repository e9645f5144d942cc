// Mail on the wire has CRLF line ends (RFC 5322 §2.1). Text written by
// people or programs often has bare LF or CR; this turns every kind of line
// end into CRLF and ends non-empty text with one.
#pragma once

#include <string>
#include <string_view>

namespace maillab::protocols::core {

std::string to_crlf(std::string_view text);

}  // namespace maillab::protocols::core
