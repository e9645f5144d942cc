// Lexical pieces shared by the structured header parsers (addresses, MIME
// parameters): CFWS (RFC 5322 §3.2.2, nested comments), quoted strings
// (§3.2.4), atoms (§3.2.3) and domain literals (§3.4.1). Everything is
// iterative; an unclosed comment or quoted string runs to the end of input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace maillab::protocols::mime {

// RFC 5322 §3.2.3 specials; RFC 2045 §5.1 tspecials add "/", "?" and "=".
inline constexpr std::string_view kAddressSpecials = "()<>[]:;@\\,.\"";
inline constexpr std::string_view kMimeSpecials = "()<>@,;:\\\"/[]?=";

class HeaderLexer {
public:
    HeaderLexer(std::string_view text, std::string_view specials)
        : text_{text}, specials_{specials} {}

    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[pos_]; }
    std::size_t position() const { return pos_; }
    void advance() {
        if (!at_end()) ++pos_;
    }

    // Skips whitespace and comments; appends each comment's text (unescaped,
    // outermost level, separated by a space) to `comments` when given.
    // Returns whether anything was skipped.
    bool skip_cfws(std::string* comments = nullptr);
    // At '"': the unescaped content; the closing quote is consumed.
    std::string read_quoted_string();
    // At '[': the literal with its brackets, as written.
    std::string read_domain_literal();
    // A run of characters that are neither WSP, controls, nor specials.
    std::string_view read_atom();

private:
    std::string_view text_;
    std::string_view specials_;
    std::size_t pos_ = 0;
};

}  // namespace maillab::protocols::mime
