#include "protocols/mime/ascii.hpp"

namespace maillab::protocols::mime {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
    }
    return true;
}

std::string to_lower_ascii(std::string_view text) {
    std::string out{text};
    for (char& c : out)
        c = lower_ascii(c);
    return out;
}

std::string_view trim_wsp(std::string_view text) {
    const auto blank = [](char c) { return is_wsp(c) || c == '\r' || c == '\n'; };
    while (!text.empty() && blank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && blank(text.back()))
        text.remove_suffix(1);
    return text;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

int hex_byte(std::string_view text, std::size_t at) {
    if (at + 1 >= text.size()) return -1;
    const int hi = hex_value(text[at]);
    const int lo = hex_value(text[at + 1]);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

}  // namespace maillab::protocols::mime
