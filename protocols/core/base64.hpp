// Base64 (RFC 4648) through OpenSSL's EVP block codec: strict for protocol
// fields (SMTP/POP3/IMAP AUTH answers), lenient for MIME bodies (RFC 2045
// §6.8: characters outside the alphabet are ignored).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace maillab::protocols::core {

std::string encode_base64(std::string_view bytes);
// Nothing if the text is not canonical base64 (bad character, bad padding, bad length).
std::optional<std::string> decode_base64_strict(std::string_view text);
// Skips characters outside the alphabet and stops at padding or a trailing partial group.
std::string decode_base64_lenient(std::string_view text);

}  // namespace maillab::protocols::core
