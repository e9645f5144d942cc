// Lexer: the token layer of the IMAP4rev1 command grammar (RFC 3501 §9) over
// one complete command as the CommandReader assembles it — the command line
// with every literal's octets inline after its "{n}" CRLF.
//
// Tokens: atom, tag, quoted string (\" and \\ escapes; 8-bit, NUL, CR and LF
// refused; UTF-8 accepted once the client sent ENABLE UTF8=ACCEPT, RFC 6855 §3), literal
// ({n} and LITERAL+ {n+}; NUL refused, RFC 3501 §4.3), literal8 (~{n}, RFC 3516 §4.4:
// any octet, NUL included),
// string, astring, nstring, list-mailbox, number (32-bit) and number64
// (mod-sequence values, RFC 7162), all overflow-checked. Every method either
// consumes its token or records the first error and returns nothing; the
// command parsers turn that error into a tagged BAD.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace maillab::protocols::imap {

// No client command nests lists except SEARCH (kMaxSearchDepth in
// search_key.hpp bounds it); every other list is flat and bounded by a count
// limit next to its parser, so the lexer needs no generic nesting limit.

bool is_atom_char(char c);     // ATOM-CHAR
bool is_astring_char(char c);  // ASTRING-CHAR = ATOM-CHAR / "]"
bool is_tag_char(char c);      // ASTRING-CHAR except "+"
bool is_list_char(char c);     // ATOM-CHAR / "%" / "*" / "]"
std::string to_upper_ascii(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
// 1*DIGIT as an unsigned value; nothing when empty, not digits or > max.
std::optional<std::uint64_t> parse_decimal(std::string_view digits, std::uint64_t max);

// Returned by Lexer::fail: converts to an empty optional or to false.
struct Failed {
    template <typename T>
    operator std::optional<T>() const {  // NOLINT: implicit on purpose
        return std::nullopt;
    }
    // Only to bool itself: a plain operator bool would let Failed slip into
    // std::optional<std::uint32_t> as a value of 0.
    template <typename B, std::enable_if_t<std::is_same_v<B, bool>, int> = 0>
    operator B() const {  // NOLINT
        return false;
    }
};

class Lexer {
public:
    explicit Lexer(std::string_view input) : input_(input) {}
    // Quoted strings may carry UTF-8 (RFC 6855 §3, after ENABLE UTF8=ACCEPT).
    void accept_utf8(bool on) { utf8_ = on; }

    bool at_end() const { return pos_ >= input_.size(); }
    char peek() const { return at_end() ? '\0' : input_[pos_]; }
    bool consume(char c);
    std::size_t pos() const { return pos_; }
    std::string_view remaining() const { return input_.substr(pos_); }

    bool sp();                             // exactly one SP
    bool expect(char c);                   // the character c
    bool end();                            // nothing left
    bool keyword(std::string_view upper);  // the atom `upper`, any case; no error if absent

    std::optional<std::string_view> atom();
    std::optional<std::string> upper_atom();
    std::optional<std::string_view> tag();
    std::optional<std::string> quoted();
    std::optional<std::string> literal();
    std::optional<std::string> literal8();                // "~{" number ["+"] "}" CRLF *OCTET
    std::optional<std::string> string();                  // quoted / literal
    std::optional<std::string> astring();                 // 1*ASTRING-CHAR / string
    std::optional<std::optional<std::string>> nstring();  // string / NIL
    std::optional<std::string> list_mailbox();            // 1*list-char / string
    std::optional<std::uint32_t> number();
    std::optional<std::uint32_t> nz_number();
    std::optional<std::uint64_t> number64();
    std::optional<std::uint64_t> nz_number64();

    // item *(SP item), at most `max` items; `item` parses one and returns false on error.
    template <typename Item>
    bool separated(std::size_t max, Item&& item) {
        std::size_t count = 0;
        do {
            if (count++ == max) return fail("Too many list items");
            if (!item()) return false;
        } while (consume(' '));
        return true;
    }
    // "(" item *(SP item) ")"; with allow_empty also "()".
    template <typename Item>
    bool parenthesised(std::size_t max, bool allow_empty, Item&& item) {
        if (!expect('(')) return false;
        if (allow_empty && consume(')')) return true;
        return separated(max, item) && expect(')');
    }

    Failed fail(std::string_view message);
    bool failed() const { return failed_; }
    const std::string& error() const { return error_; }

private:
    std::string_view take_while(bool (*accept)(char));
    std::optional<std::uint64_t> bounded_number(std::uint64_t max);

    std::string_view input_;
    std::size_t pos_ = 0;
    bool failed_ = false;
    bool utf8_ = false;
    std::string error_;
};

}  // namespace maillab::protocols::imap
