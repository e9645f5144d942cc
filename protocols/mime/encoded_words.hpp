// RFC 2047 encoded words ("=?charset?B|Q?text?=") in unstructured header text
// such as Subject, and in display names.
//
// Decoding (lenient, like Dovecot and most mail readers):
// - B (base64) and Q (quoted-printable with "_" for space) encodings.
// - charset utf-8, us-ascii and iso-8859-1 built in, others through iconv;
//   an RFC 2231 language suffix ("utf-8*en") is ignored.
// - Whitespace between two adjacent encoded words is dropped (§6.2); the
//   decoded bytes of adjacent words in one charset are joined before
//   conversion, so a character split across two words survives.
// - An encoded word that is malformed or names an unknown charset is left
//   exactly as written. Encoded words inside other text are decoded too.
// - Not done: the 75-character limit on an encoded word is not enforced.
// Encoding: words that need it (non-ASCII, control characters, or text that
// looks like an encoded word) become UTF-8 B words of at most 75 characters.
#pragma once

#include <string>
#include <string_view>

namespace maillab::protocols::mime {

// RFC 2047 §2: an encoded word is at most 75 characters.
inline constexpr std::size_t kMaxEncodedWordChars = 75;

// Returns UTF-8 (invalid bytes outside encoded words become U+FFFD).
std::string decode_encoded_words(std::string_view text);

// Encodes UTF-8 header text for a header field; plain ASCII passes through.
std::string encode_header_text(std::string_view utf8);
// All of the text as UTF-8 B words (for a display name, where a plain word
// with specials would change the meaning of the address).
std::string encode_as_encoded_words(std::string_view utf8);

}  // namespace maillab::protocols::mime
