// Content-Transfer-Encoding (RFC 2045 §6): turning a part's body back into
// its octets, and text parts into UTF-8.
//
// - base64 (§6.8) through core::decode_base64_lenient: characters outside the
//   alphabet are ignored, decoding stops at padding.
// - quoted-printable (§6.7): "=XX" escapes (lower-case hex accepted), soft
//   line breaks ("=" at the end of a line, trailing whitespace allowed),
//   trailing whitespace of each line removed (rule 3); a malformed "=" escape
//   is kept literally. Line breaks are kept as written (CRLF or LF).
// - 7bit, 8bit, binary and unknown encodings: the bytes unchanged.
#pragma once

#include <string>
#include <string_view>

#include "protocols/mime/mime_tree.hpp"

namespace maillab::protocols::mime {

std::string decode_quoted_printable(std::string_view text);
std::string decode_transfer_encoding(std::string_view body, std::string_view encoding);

// The body bytes of a part of `message` (the bytes parse_mime was given).
std::string_view part_body(std::string_view message, const MimePart& part);
// The body with its transfer encoding removed.
std::string decode_body(std::string_view message, const MimePart& part);
// decode_body converted from the part's charset to UTF-8 (for text/* parts;
// an unknown charset gives the bytes with invalid UTF-8 replaced by U+FFFD).
std::string decode_text(std::string_view message, const MimePart& part);

}  // namespace maillab::protocols::mime
