#include "protocols/mime/encoded_words.hpp"

#include <algorithm>
#include <optional>

#include "protocols/core/base64.hpp"
#include "protocols/mime/ascii.hpp"
#include "protocols/mime/charset.hpp"

namespace maillab::protocols::mime {

namespace {

struct EncodedWord {
    std::string charset;  // without any "*language" suffix
    std::string bytes;    // decoded, still in the charset
    std::size_t length = 0;
};

bool is_base64_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '+' ||
           c == '/' || c == '=';
}

std::optional<std::string> decode_q(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_') {
            out.push_back(' ');
        } else if (c == '=') {
            const int byte = hex_byte(text, i + 1);
            if (byte < 0) return std::nullopt;
            out.push_back(static_cast<char>(byte));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

// Parses an encoded word starting at text[0] == '='.
std::optional<EncodedWord> parse_encoded_word(std::string_view text) {
    if (text.size() < 8 || text.substr(0, 2) != "=?") return std::nullopt;
    const std::size_t q1 = text.find('?', 2);
    if (q1 == std::string_view::npos || q1 + 2 >= text.size() || text[q1 + 2] != '?') {
        return std::nullopt;
    }
    // The text ends at the first "?" (neither B nor Q text may contain one);
    // stopping there also keeps a hostile run of "=?" openers linear.
    const std::size_t end = text.find('?', q1 + 3);
    if (end == std::string_view::npos || end + 1 >= text.size() || text[end + 1] != '=') {
        return std::nullopt;
    }
    std::string_view charset = text.substr(2, q1 - 2);
    const char encoding = lower_ascii(text[q1 + 1]);
    const std::string_view payload = text.substr(q1 + 3, end - q1 - 3);
    for (const char c : charset) {
        if (is_wsp(c) || c == '\r' || c == '\n') return std::nullopt;
    }
    for (const char c : payload) {
        if (is_wsp(c) || c == '\r' || c == '\n') return std::nullopt;
    }
    if (const std::size_t star = charset.find('*'); star != std::string_view::npos) {
        charset = charset.substr(0, star);
    }
    if (charset.empty()) return std::nullopt;
    EncodedWord word{std::string{charset}, {}, end + 2};
    if (encoding == 'b') {
        for (const char c : payload) {
            if (!is_base64_char(c)) return std::nullopt;
        }
        word.bytes = core::decode_base64_lenient(payload);
    } else if (encoding == 'q') {
        auto bytes = decode_q(payload);
        if (!bytes) return std::nullopt;
        word.bytes = std::move(*bytes);
    } else {
        return std::nullopt;
    }
    return word;
}

bool all_wsp(std::string_view text) {
    for (const char c : text) {
        if (!is_wsp(c) && c != '\r' && c != '\n') return false;
    }
    return true;
}

}  // namespace

std::string decode_encoded_words(std::string_view text) {
    std::string out;
    std::string pending_charset;
    std::string pending_bytes;
    bool have_pending = false;
    const auto flush = [&] {
        if (!have_pending) return;
        out += charset_to_utf8(pending_charset, pending_bytes).value_or(std::string{});
        pending_bytes.clear();
        have_pending = false;
    };
    std::size_t literal_start = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t at = text.find("=?", i);
        if (at == std::string_view::npos) break;
        auto word = parse_encoded_word(text.substr(at));
        if (!word || !charset_to_utf8(word->charset, {})) {
            i = at + 2;
            continue;
        }
        const std::string_view between = text.substr(literal_start, at - literal_start);
        if (!(have_pending && all_wsp(between))) {
            flush();
            out += sanitize_utf8(between);
        }
        if (have_pending && !iequals(pending_charset, word->charset)) flush();
        pending_charset = word->charset;
        pending_bytes += word->bytes;
        have_pending = true;
        i = at + word->length;
        literal_start = i;
    }
    flush();
    out += sanitize_utf8(text.substr(literal_start));
    return out;
}

namespace {

bool needs_encoding(std::string_view word) {
    if (word.find("=?") != std::string_view::npos) return true;
    for (const char c : word) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7F) return true;
    }
    return false;
}

}  // namespace

// Splits UTF-8 text into B words whose encoded form fits kMaxEncodedWordChars,
// never cutting a character in two.
std::string encode_as_encoded_words(std::string_view utf8) {
    constexpr std::string_view kPrefix = "=?UTF-8?B?";
    constexpr std::string_view kSuffix = "?=";
    constexpr std::size_t kMaxBytes =
        (kMaxEncodedWordChars - kPrefix.size() - kSuffix.size()) / 4 * 3;
    std::string out;
    std::size_t i = 0;
    while (i < utf8.size()) {
        std::size_t n = std::min(kMaxBytes, utf8.size() - i);
        while (n > 1 && i + n < utf8.size() &&
               (static_cast<unsigned char>(utf8[i + n]) & 0xC0) == 0x80) {
            --n;
        }
        if (!out.empty()) out.push_back(' ');
        out += kPrefix;
        out += core::encode_base64(utf8.substr(i, n));
        out += kSuffix;
        i += n;
    }
    return out;
}

std::string encode_header_text(std::string_view utf8) {
    // Tokens alternate between runs of WSP and words; a run of words that need
    // encoding, with the spaces between them, becomes one group of B words.
    std::string out;
    std::size_t i = 0;
    while (i < utf8.size()) {
        std::size_t word_end = i;
        while (word_end < utf8.size() && !is_wsp(utf8[word_end]))
            ++word_end;
        std::string_view word = utf8.substr(i, word_end - i);
        if (word.empty()) {
            out.push_back(utf8[i++]);
            continue;
        }
        if (!needs_encoding(word)) {
            out += word;
            i = word_end;
            continue;
        }
        std::size_t group_end = word_end;
        for (;;) {
            std::size_t next = group_end;
            while (next < utf8.size() && is_wsp(utf8[next]))
                ++next;
            std::size_t next_end = next;
            while (next_end < utf8.size() && !is_wsp(utf8[next_end]))
                ++next_end;
            if (next == next_end || !needs_encoding(utf8.substr(next, next_end - next))) break;
            group_end = next_end;
        }
        out += encode_as_encoded_words(utf8.substr(i, group_end - i));
        i = group_end;
    }
    return out;
}

}  // namespace maillab::protocols::mime
