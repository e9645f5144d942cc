#include "protocols/mime/header_lexer.hpp"

#include "protocols/mime/ascii.hpp"

namespace maillab::protocols::mime {

namespace {

bool is_blank(char c) {
    return is_wsp(c) || c == '\r' || c == '\n';
}

}  // namespace

bool HeaderLexer::skip_cfws(std::string* comments) {
    const std::size_t start = pos_;
    while (!at_end()) {
        if (is_blank(text_[pos_])) {
            ++pos_;
            continue;
        }
        if (text_[pos_] != '(') break;
        std::string comment;
        std::size_t depth = 0;
        while (!at_end()) {
            const char c = text_[pos_++];
            if (c == '\\' && !at_end()) {
                comment.push_back(text_[pos_++]);
                continue;
            }
            if (c == '(') {
                if (depth++ == 0) continue;
            } else if (c == ')') {
                if (--depth == 0) break;
            }
            comment.push_back(c);
        }
        if (comments != nullptr) {
            if (!comments->empty()) comments->push_back(' ');
            *comments += trim_wsp(comment);
        }
    }
    return pos_ != start;
}

std::string HeaderLexer::read_quoted_string() {
    std::string out;
    ++pos_;  // opening quote
    while (!at_end()) {
        const char c = text_[pos_++];
        if (c == '"') break;
        if (c == '\\' && !at_end()) {
            out.push_back(text_[pos_++]);
        } else if (c == '\r' || c == '\n') {
            continue;  // folding inside a quoted string is unfolded
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string HeaderLexer::read_domain_literal() {
    const std::size_t start = pos_;
    while (!at_end()) {
        const char c = text_[pos_++];
        if (c == '\\' && !at_end()) {
            ++pos_;
        } else if (c == ']') {
            break;
        }
    }
    return std::string{text_.substr(start, pos_ - start)};
}

std::string_view HeaderLexer::read_atom() {
    const std::size_t start = pos_;
    while (!at_end()) {
        const char c = text_[pos_];
        const auto u = static_cast<unsigned char>(c);
        if (is_blank(c) || u < 0x20 || u == 0x7F || specials_.find(c) != std::string_view::npos) {
            break;
        }
        ++pos_;
    }
    return text_.substr(start, pos_ - start);
}

}  // namespace maillab::protocols::mime
