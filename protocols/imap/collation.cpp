#include "protocols/imap/collation.hpp"

#include <array>
#include <cstdint>

namespace maillab::protocols::imap {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// One code point from `text` at `pos` (advanced past it); U+FFFD for a
// malformed, overlong or surrogate sequence (one octet consumed).
char32_t next_code_point(std::string_view text, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        cp = lead & 0x1FU;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        cp = lead & 0x0FU;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        cp = lead & 0x07U;
        minimum = 0x10000;
    } else {
        ++pos;
        return kReplacement;
    }
    if (pos + length > text.size()) {
        ++pos;
        return kReplacement;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(pos + i) & 0xC0) != 0x80) {
            ++pos;
            return kReplacement;
        }
        cp = (cp << 6) | (byte(pos + i) & 0x3FU);
    }
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++pos;
        return kReplacement;
    }
    pos += length;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    const auto put = [&](std::uint32_t v) { out += static_cast<char>(v); };
    const auto c = static_cast<std::uint32_t>(cp);
    if (c < 0x80) {
        put(c);
    } else if (c < 0x800) {
        put(0xC0 | (c >> 6));
        put(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        put(0xE0 | (c >> 12));
        put(0x80 | ((c >> 6) & 0x3F));
        put(0x80 | (c & 0x3F));
    } else {
        put(0xF0 | (c >> 18));
        put(0x80 | ((c >> 12) & 0x3F));
        put(0x80 | ((c >> 6) & 0x3F));
        put(0x80 | (c & 0x3F));
    }
}

// Latin Extended-A pairs: in these ranges an upper-case letter is followed by its lower case.
bool pair_even_upper(char32_t c) {
    return (c >= 0x0100 && c <= 0x012F) || (c >= 0x0132 && c <= 0x0137) ||
           (c >= 0x014A && c <= 0x0177) || (c >= 0x0460 && c <= 0x0481);
}
bool pair_odd_upper(char32_t c) {
    return (c >= 0x0139 && c <= 0x0148) || (c >= 0x0179 && c <= 0x017E);
}

char32_t titlecase(char32_t c) {
    if (c >= 'a' && c <= 'z') return c - 0x20;
    if (c < 0x80) return c;
    if (c == 0x00B5) return 0x039C;  // MICRO SIGN -> GREEK MU
    if (c >= 0x00E0 && c <= 0x00FE && c != 0x00F7) return c - 0x20;
    if (c == 0x00FF) return 0x0178;
    if (c == 0x0131) return 'I';  // dotless i
    if (c == 0x017F) return 'S';  // long s
    if (pair_even_upper(c)) return (c % 2 == 1) ? c - 1 : c;
    if (pair_odd_upper(c)) return (c % 2 == 0) ? c - 1 : c;
    if (c == 0x03AC) return 0x0386;
    if (c >= 0x03AD && c <= 0x03AF) return c - 0x25;
    if (c == 0x03C2) return 0x03A3;  // final sigma
    if (c >= 0x03B1 && c <= 0x03CB) return c - 0x20;
    if (c == 0x03CC) return 0x038C;
    if (c == 0x03CD || c == 0x03CE) return c - 0x3F;
    if (c >= 0x0430 && c <= 0x044F) return c - 0x20;
    if (c >= 0x0450 && c <= 0x045F) return c - 0x50;
    return c;
}

struct Decomposition {
    char base;        // 0: none
    char32_t accent;  // combining mark
};

// NFKD of U+00C0..U+00DD (upper case only: titlecase has run first).
constexpr std::array<Decomposition, 30> kLatin1 = {{
    {'A', 0x0300}, {'A', 0x0301}, {'A', 0x0302}, {'A', 0x0303}, {'A', 0x0308}, {'A', 0x030A},
    {0, 0},        {'C', 0x0327}, {'E', 0x0300}, {'E', 0x0301}, {'E', 0x0302}, {'E', 0x0308},
    {'I', 0x0300}, {'I', 0x0301}, {'I', 0x0302}, {'I', 0x0308}, {0, 0},        {'N', 0x0303},
    {'O', 0x0300}, {'O', 0x0301}, {'O', 0x0302}, {'O', 0x0303}, {'O', 0x0308}, {0, 0},
    {0, 0},        {'U', 0x0300}, {'U', 0x0301}, {'U', 0x0302}, {'U', 0x0308}, {'Y', 0x0301},
}};

void append_decomposed(std::string& out, char32_t c) {
    if (c == 0x00A0) {
        out += ' ';
        return;
    }
    if (c == 0x0178) {
        out += 'Y';
        append_utf8(out, 0x0308);
        return;
    }
    if (c >= 0x00C0 && c <= 0x00DD) {
        const Decomposition& d = kLatin1[c - 0x00C0];
        if (d.base != 0) {
            out += d.base;
            append_utf8(out, d.accent);
            return;
        }
    }
    append_utf8(out, c);
}

}  // namespace

std::string casemap_key(std::string_view utf8) {
    std::string key;
    key.reserve(utf8.size());
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const char32_t c = next_code_point(utf8, pos);
        if (c < 0x80) {
            key += static_cast<char>(titlecase(c));
        } else {
            append_decomposed(key, titlecase(c));
        }
    }
    return key;
}

}  // namespace maillab::protocols::imap
