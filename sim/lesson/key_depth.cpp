#include "sim/lesson/key_depth.hpp"

namespace maillab::sim::lesson {

namespace {

class Scanner {
public:
    explicit Scanner(std::string_view text) : text_(text) {}

    bool done() const { return pos_ >= text_.size(); }
    char peek(std::size_t ahead = 0) const {
        return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
    }
    bool starts(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }
    void advance(std::size_t n = 1) {
        for (std::size_t i = 0; i < n && pos_ < text_.size(); ++i) {
            if (text_[pos_] == '\n') {
                ++line_;
                column_ = 1;
            } else {
                ++column_;
            }
            ++pos_;
        }
    }
    SourcePos where() const { return SourcePos{line_, column_}; }

    // Skips a string starting at the current quote.
    void skip_string() {
        const char quote = peek();
        const bool escapes = quote == '"';
        const std::string_view triple = quote == '"' ? "\"\"\"" : "'''";
        const bool multi = starts(triple);
        advance(multi ? 3 : 1);
        while (!done()) {
            if (escapes && peek() == '\\') {
                advance(2);
            } else if (multi && starts(triple)) {
                advance(3);
                // Up to two more quotes may belong to the string's content.
                for (int i = 0; i < 2 && peek() == quote; ++i)
                    advance();
                return;
            } else if (!multi && (peek() == quote || peek() == '\n')) {
                advance();
                return;
            } else {
                advance();
            }
        }
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
    int column_ = 1;
};

}  // namespace

std::optional<SourcePos> find_deep_key(std::string_view text, std::size_t max_dots) {
    Scanner s{text};
    std::size_t dots = 0;
    while (!s.done()) {
        const char c = s.peek();
        if (c == '"' || c == '\'') {
            s.skip_string();
            continue;
        }
        if (c == '#') {
            while (!s.done() && s.peek() != '\n')
                s.advance();
            continue;
        }
        if (c == '.') {
            if (++dots > max_dots) return s.where();
        } else if (c == '=' || c == '[' || c == ']' || c == '{' || c == '}' || c == ',' ||
                   c == '\n') {
            dots = 0;
        }
        s.advance();
    }
    return std::nullopt;
}

}  // namespace maillab::sim::lesson
