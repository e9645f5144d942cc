// Content-Transfer-Encoding for bodies the simulator composes (RFC 2045 §6).
//
// - base64 (§6.8): lines of at most kMaxEncodedLineChars characters, CRLF.
// - quoted-printable (§6.7): "=" and bytes outside printable ASCII as "=XX",
//   SP and HTAB literal except at the end of a line, soft line breaks keep
//   every line within kMaxEncodedLineChars; line breaks (CRLF or LF) in the
//   input become CRLF hard breaks, so text round-trips through the decoder
//   with CRLF line ends.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace maillab::protocols::mime {

// RFC 2045 §6.7 rule 5 and §6.8: encoded lines are at most 76 characters.
inline constexpr std::size_t kMaxEncodedLineChars = 76;

std::string encode_base64_body(std::string_view bytes);
std::string encode_quoted_printable(std::string_view text);

}  // namespace maillab::protocols::mime
