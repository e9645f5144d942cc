// How the server stores a message that was APPENDed with NUL octets (BINARY,
// RFC 3516 §4.4): every leaf part whose body holds a NUL is base64-encoded and
// its Content-Transfer-Encoding set to base64, so BODY[] never sends a NUL
// (RFC 3501 §4.3) while BINARY[] gives back exactly the octets the client sent.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace maillab::protocols::imap {

// Base64 lines of a re-encoded part (RFC 2045 §6.8: at most 76 characters).
inline constexpr std::size_t kBase64LineLength = 76;

// The message as it will be stored; unchanged without NUL. Nothing when a NUL
// is outside any leaf body (in a header or a multipart's preamble): the server
// then refuses the APPEND with NO [UNKNOWN-CTE] (RFC 3516 §4.4).
std::optional<std::string> binary_store_form(std::string_view message);

}  // namespace maillab::protocols::imap
