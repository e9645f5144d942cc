#include "protocols/imap/lexer.hpp"

#include <limits>

#include "protocols/core/utf8.hpp"

namespace maillab::protocols::imap {

namespace {

bool is_ctl(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
}

bool is_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x01 && u <= 0x7f;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

bool is_atom_char(char c) {
    if (!is_char(c) || is_ctl(c)) return false;
    switch (c) {
        case '(':
        case ')':
        case '{':
        case ' ':
        case '%':
        case '*':
        case '"':
        case '\\':
        case ']':
            return false;
        default:
            return true;
    }
}

bool is_astring_char(char c) {
    return is_atom_char(c) || c == ']';
}
bool is_tag_char(char c) {
    return is_astring_char(c) && c != '+';
}
bool is_list_char(char c) {
    return is_atom_char(c) || c == '%' || c == '*' || c == ']';
}

std::string to_upper_ascii(std::string_view text) {
    std::string out{text};
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
        if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
        if (x != y) return false;
    }
    return true;
}

std::optional<std::uint64_t> parse_decimal(std::string_view digits, std::uint64_t max) {
    if (digits.empty()) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : digits) {
        if (!is_digit(c)) return std::nullopt;
        const auto d = static_cast<std::uint64_t>(c - '0');
        // Checked before multiplying, so the value never wraps.
        if (value > (max - d) / 10) return std::nullopt;
        value = value * 10 + d;
    }
    return value;
}

bool Lexer::consume(char c) {
    if (at_end() || input_[pos_] != c) return false;
    ++pos_;
    return true;
}

Failed Lexer::fail(std::string_view message) {
    if (!failed_) {
        failed_ = true;
        error_ = std::string{message};
    }
    return {};
}

bool Lexer::sp() {
    return consume(' ') ? true : fail("Expected a space");
}

bool Lexer::expect(char c) {
    if (consume(c)) return true;
    return fail(std::string{"Expected '"} + c + "'");
}

bool Lexer::end() {
    return at_end() ? true : fail("Unexpected extra arguments");
}

bool Lexer::keyword(std::string_view upper) {
    std::size_t n = 0;
    while (pos_ + n < input_.size() && is_atom_char(input_[pos_ + n]))
        ++n;
    if (!iequals(input_.substr(pos_, n), upper)) return false;
    pos_ += n;
    return true;
}

std::string_view Lexer::take_while(bool (*accept)(char)) {
    const std::size_t start = pos_;
    while (!at_end() && accept(input_[pos_]))
        ++pos_;
    return input_.substr(start, pos_ - start);
}

std::optional<std::string_view> Lexer::atom() {
    const auto a = take_while(is_atom_char);
    if (a.empty()) return fail("Expected an atom");
    return a;
}

std::optional<std::string> Lexer::upper_atom() {
    auto a = atom();
    if (!a) return std::nullopt;
    return to_upper_ascii(*a);
}

std::optional<std::string_view> Lexer::tag() {
    const auto t = take_while(is_tag_char);
    if (t.empty()) return fail("Invalid tag");
    return t;
}

std::optional<std::string> Lexer::quoted() {
    if (!consume('"')) return fail("Expected a quoted string");
    std::string out;
    bool eight_bit = false;
    while (!at_end()) {
        char c = input_[pos_++];
        if (c == '"') {
            // uQUOTED-CHAR (RFC 6855 §3) is whole UTF-8 characters only.
            if (eight_bit && !core::is_valid_utf8(out))
                return fail("Invalid UTF-8 in quoted string");
            return out;
        }
        if (c == '\\') {
            if (at_end()) break;
            c = input_[pos_++];
            if (c != '"' && c != '\\') return fail("Invalid escape in quoted string");
        } else if (utf8_ && static_cast<unsigned char>(c) >= 0x80) {
            eight_bit = true;
        } else if (!is_char(c) || c == '\r' || c == '\n') {
            return fail("8-bit, NUL, CR or LF in quoted string");
        }
        out.push_back(c);
    }
    return fail("Unterminated quoted string");
}

std::optional<std::string> Lexer::literal() {
    if (!consume('{')) return fail("Expected a literal");
    const auto size =
        parse_decimal(take_while(is_digit), std::numeric_limits<std::uint32_t>::max());
    if (!size) return fail("Invalid literal size");
    consume('+');
    if (!consume('}') || !consume('\r') || !consume('\n')) return fail("Invalid literal");
    const auto n = static_cast<std::size_t>(*size);
    if (input_.size() - pos_ < n) return fail("Literal shorter than announced");
    std::string out{input_.substr(pos_, n)};
    pos_ += n;
    if (out.find('\0') != std::string::npos) return fail("NUL in literal");
    return out;
}

std::optional<std::string> Lexer::literal8() {
    if (!consume('~')) return fail("Expected a literal8");
    if (peek() != '{') return fail("Expected a literal8");
    // The same framing as a literal; only NUL is allowed here (RFC 3516 §4.4).
    const std::size_t start = pos_;
    const auto size_end = input_.find('}', start);
    if (size_end == std::string_view::npos) return fail("Invalid literal");
    const auto size = parse_decimal(
        input_.substr(start + 1, size_end - start - 1 - (input_[size_end - 1] == '+' ? 1 : 0)),
        std::numeric_limits<std::uint32_t>::max());
    if (!size) return fail("Invalid literal size");
    pos_ = size_end + 1;
    if (!consume('\r') || !consume('\n')) return fail("Invalid literal");
    const auto n = static_cast<std::size_t>(*size);
    if (input_.size() - pos_ < n) return fail("Literal shorter than announced");
    std::string out{input_.substr(pos_, n)};
    pos_ += n;
    return out;
}

std::optional<std::string> Lexer::string() {
    if (peek() == '"') return quoted();
    if (peek() == '{') return literal();
    return fail("Expected a string");
}

std::optional<std::string> Lexer::astring() {
    if (peek() == '"' || peek() == '{') return string();
    const auto a = take_while(is_astring_char);
    if (a.empty()) return fail("Expected an astring");
    return std::string{a};
}

std::optional<std::optional<std::string>> Lexer::nstring() {
    if (keyword("NIL")) return std::optional<std::string>{};
    auto s = string();
    if (!s) return std::nullopt;
    return std::optional<std::string>{std::move(*s)};
}

std::optional<std::string> Lexer::list_mailbox() {
    if (peek() == '"' || peek() == '{') return string();
    const auto l = take_while(is_list_char);
    if (l.empty()) return fail("Expected a mailbox pattern");
    return std::string{l};
}

std::optional<std::uint64_t> Lexer::number64() {
    // mod-sequence-value is 1*DIGIT below 2^63 (RFC 7162 §7).
    return bounded_number(std::numeric_limits<std::int64_t>::max());
}

std::optional<std::uint64_t> Lexer::bounded_number(std::uint64_t max) {
    const auto digits = take_while(is_digit);
    if (digits.empty()) return fail("Expected a number");
    auto v = parse_decimal(digits, max);
    if (!v) return fail("Number too large");
    return v;
}

std::optional<std::uint64_t> Lexer::nz_number64() {
    auto v = number64();
    if (v && *v == 0) return fail("Zero is not allowed here");
    return v;
}

std::optional<std::uint32_t> Lexer::number() {
    auto v = bounded_number(std::numeric_limits<std::uint32_t>::max());
    if (!v) return std::nullopt;
    return static_cast<std::uint32_t>(*v);
}

std::optional<std::uint32_t> Lexer::nz_number() {
    auto v = number();
    if (v && *v == 0) return fail("Zero is not allowed here");
    return v;
}

}  // namespace maillab::protocols::imap
