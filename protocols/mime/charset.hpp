// Converting text in a MIME charset (RFC 2046 §4.1.2, IANA names) to UTF-8.
// us-ascii, utf-8 and iso-8859-1 are handled here; every other charset goes
// through glibc's iconv. Bytes that are invalid in the charset become U+FFFD.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace maillab::protocols::mime {

// Longer charset names are refused before they reach iconv (real ones are short).
inline constexpr std::size_t kMaxCharsetNameOctets = 64;

// Nothing if the charset is unknown.
std::optional<std::string> charset_to_utf8(std::string_view charset, std::string_view bytes);

// Replaces each invalid UTF-8 sequence with U+FFFD.
std::string sanitize_utf8(std::string_view bytes);

}  // namespace maillab::protocols::mime
