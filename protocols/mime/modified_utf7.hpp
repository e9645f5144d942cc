// IMAP mailbox names in modified UTF-7 (RFC 3501 §5.1.3).
//
// Printable US-ASCII stands for itself except "&", written "&-"; everything
// else is UTF-16 in a modified base64 ("," instead of "/", no padding)
// between "&" and "-". Decoding is strict, because a mailbox name has exactly
// one correct spelling: it rejects bytes outside printable ASCII, an
// unclosed "&", characters outside the alphabet, non-zero leftover bits,
// printable ASCII that was encoded, unpaired surrogates, U+0000, and two
// encoded runs back to back ("&AOk-&AOk-" must be "&AOkA6Q-").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace maillab::protocols::mime {

// Nothing if the input is not valid UTF-8 or contains U+0000.
std::optional<std::string> encode_modified_utf7(std::string_view utf8);
// Nothing if the input is not canonical modified UTF-7.
std::optional<std::string> decode_modified_utf7(std::string_view text);

}  // namespace maillab::protocols::mime
