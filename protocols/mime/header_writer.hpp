// Writing header fields for messages the simulator composes (RFC 5322 §2.2,
// §3.4; RFC 2047 for non-ASCII text).
//
// - format_header_field: "Name: value" CRLF, non-ASCII words encoded, folded
//   at whitespace so lines stay within kFoldLineOctets where the text allows
//   (a single word longer than that is never split: §2.2.3 folds only at WSP).
// - format_address: "Name <local@domain>", the name as atoms when it can be,
//   as a quoted string when it has specials, as encoded words when non-ASCII.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace maillab::protocols::mime {

// RFC 5322 §2.1.1: lines SHOULD be at most 78 octets excluding CRLF.
inline constexpr std::size_t kFoldLineOctets = 78;

std::string format_header_field(std::string_view name, std::string_view utf8_value);
std::string format_address(std::string_view utf8_display_name, std::string_view addr_spec);

}  // namespace maillab::protocols::mime
