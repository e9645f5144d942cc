// Small ASCII helpers shared by the header parsers (mail header syntax is
// ASCII and case-insensitive where names are concerned, RFC 5322 §1.2.2).
#pragma once

#include <string>
#include <string_view>

namespace maillab::protocols::mime {

inline bool is_wsp(char c) {
    return c == ' ' || c == '\t';
}
inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
inline char lower_ascii(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

bool iequals(std::string_view a, std::string_view b);
std::string to_lower_ascii(std::string_view text);
// Strips SP, HTAB, CR and LF from both ends.
std::string_view trim_wsp(std::string_view text);
// Value of one hex digit, or -1.
int hex_value(char c);
// The byte written as two hex digits at text[at] and text[at + 1], or -1
// (the escapes "=XX" of quoted-printable and "%XX" of RFC 2231).
int hex_byte(std::string_view text, std::size_t at);

}  // namespace maillab::protocols::mime
