#include "protocols/mime/modified_utf7.hpp"

#include <cstdint>
#include <vector>

#include "protocols/core/utf8.hpp"

namespace maillab::protocols::mime {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

bool is_printable(std::uint32_t c) {
    return c >= 0x20 && c <= 0x7E;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Decodes one code point of valid UTF-8 at text[i] and advances i.
std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t n = 1;
    std::uint32_t cp = lead;
    if (lead >= 0xF0) {
        n = 4;
        cp = lead & 0x07u;
    } else if (lead >= 0xE0) {
        n = 3;
        cp = lead & 0x0Fu;
    } else if (lead >= 0xC0) {
        n = 2;
        cp = lead & 0x1Fu;
    }
    for (std::size_t k = 1; k < n; ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    }
    i += n;
    return cp;
}

void flush_units(std::vector<std::uint16_t>& units, std::string& out) {
    if (units.empty()) return;
    out.push_back('&');
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const std::uint16_t unit : units) {
        buffer = (buffer << 16) | unit;
        bits += 16;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(kAlphabet[(buffer >> bits) & 0x3F]);
        }
        buffer &= (1u << bits) - 1;
    }
    if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3F]);
    out.push_back('-');
    units.clear();
}

// Decodes the text between "&" and "-" and appends it as UTF-8.
bool decode_run(std::string_view run, std::string& out) {
    std::vector<std::uint16_t> units;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : run) {
        const std::size_t value = kAlphabet.find(c);
        if (value == std::string_view::npos) return false;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 16) {
            bits -= 16;
            units.push_back(static_cast<std::uint16_t>(buffer >> bits));
            buffer &= (1u << bits) - 1;
        }
    }
    if (bits >= 6 || buffer != 0 || units.empty()) return false;
    for (std::size_t i = 0; i < units.size(); ++i) {
        std::uint32_t cp = units[i];
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 1 >= units.size() || units[i + 1] < 0xDC00 || units[i + 1] > 0xDFFF) {
                return false;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (units[i + 1] - 0xDC00u);
            ++i;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
        }
        if (cp == 0 || is_printable(cp)) return false;
        append_utf8(out, cp);
    }
    return true;
}

}  // namespace

std::optional<std::string> encode_modified_utf7(std::string_view utf8) {
    if (!core::is_valid_utf8(utf8)) return std::nullopt;
    std::string out;
    std::vector<std::uint16_t> units;
    std::size_t i = 0;
    while (i < utf8.size()) {
        const std::uint32_t cp = next_code_point(utf8, i);
        if (cp == 0) return std::nullopt;
        if (is_printable(cp)) {
            flush_units(units, out);
            out.push_back(static_cast<char>(cp));
            if (cp == '&') out.push_back('-');
        } else if (cp >= 0x10000) {
            units.push_back(static_cast<std::uint16_t>(0xD800 + ((cp - 0x10000) >> 10)));
            units.push_back(static_cast<std::uint16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
        } else {
            units.push_back(static_cast<std::uint16_t>(cp));
        }
    }
    flush_units(units, out);
    return out;
}

std::optional<std::string> decode_modified_utf7(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    bool previous_was_run = false;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!is_printable(c)) return std::nullopt;
        if (c != '&') {
            out.push_back(static_cast<char>(c));
            previous_was_run = false;
            ++i;
            continue;
        }
        const std::size_t close = text.find('-', i + 1);
        if (close == std::string_view::npos) return std::nullopt;
        if (close == i + 1) {
            out.push_back('&');
            previous_was_run = false;
        } else {
            if (previous_was_run) return std::nullopt;
            if (!decode_run(text.substr(i + 1, close - i - 1), out)) return std::nullopt;
            previous_was_run = true;
        }
        i = close + 1;
    }
    return out;
}

}  // namespace maillab::protocols::mime
