// POP3 command parser (RFC 1939 §3, RFC 2449 §4): a keyword of 3 or 4
// characters, case-insensitive, then arguments separated by spaces. The
// parser only reads a line; the server session decides what to answer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maillab::protocols::pop3 {

// RFC 2449 §4: a command line is at most 255 octets. We allow 255 octets
// without the CRLF, two more than the RFC, because real clients round up.
inline constexpr std::size_t kMaxCommandOctets = 255;
// Lines of SASL exchanges (AUTH PLAIN with an initial response, or the answer
// to "+ ") carry base64 and may be longer (RFC 5034 §4 sets no limit; Dovecot
// accepts several KB). This is also the framer's hard line limit.
inline constexpr std::size_t kMaxAuthLineOctets = 4096;
// Keywords are 3 or 4 characters (RFC 1939 §3; RFC 2449 §4).
inline constexpr std::size_t kMaxKeywordOctets = 4;
// No POP3 command takes more than two arguments (TOP msg n, APOP name digest).
inline constexpr std::size_t kMaxArguments = 2;
// Message numbers and line counts: at most 9 digits, so they never overflow.
inline constexpr std::size_t kMaxNumberDigits = 9;

enum class Verb {
    User,
    Pass,
    Apop,
    Auth,
    Quit,  // RFC 1939 §7, §6; RFC 5034
    Stat,
    List,
    Retr,
    Dele,
    Noop,
    Rset,
    Top,
    Uidl,  // RFC 1939 §5, §7
    Capa,
    Stls,  // RFC 2449 §5; RFC 2595 §4
    Unknown,
};

std::string_view to_string(Verb verb);

struct Command {
    Verb verb = Verb::Unknown;
    std::string keyword;            // upper-cased as received ("RETR")
    std::vector<std::string> args;  // space-separated arguments
    std::string rest;               // everything after the keyword and one space (PASS)
};

enum class ParseError {
    None,
    Empty,             // an empty line
    BadCharacter,      // NUL or another control character
    KeywordTooLong,    // not a POP3 keyword at all
    TooManyArguments,  // more than kMaxArguments
};

struct ParseResult {
    ParseError error = ParseError::None;
    Command command;
};

ParseResult parse_command(std::string_view line);

// A message number or line count: digits only, no sign, at most kMaxNumberDigits.
std::optional<std::size_t> parse_number(std::string_view text);

}  // namespace maillab::protocols::pop3
