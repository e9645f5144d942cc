// SMTP command parsing (RFC 5321 §4.1): splitting a command line into verb
// and argument, the MAIL/RCPT paths and their ESMTP parameters. Pure
// functions: the server session decides what to reply.
//
// Implemented: Reverse-path "<>", dot-string and quoted-string local parts,
// domains and address literals, source routes (accepted and ignored as
// §4.1.2 says), SMTPUTF8 addresses (RFC 6531 §3.3), esmtp-keyword[=value]
// parameters, SIZE (RFC 1870), BODY (RFC 6152), SMTPUTF8, RET/ENVID/NOTIFY/
// ORCPT (RFC 3461), AUTH= (RFC 4954 §5, accepted and ignored).
// Not yet: BODY=BINARYMIME (RFC 3030), MT-PRIORITY, REQUIRETLS, DELIVERBY.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/smtp/envelope.hpp"

namespace maillab::protocols::smtp {

// RFC 5321 §4.5.3.1.4 allows 512 octets per command line; ESMTP parameters
// make lines longer, so like Postfix (line_length_limit 2048) we allow more.
inline constexpr std::size_t kMaxCommandLineOctets = 2048;
inline constexpr std::size_t kMaxLocalPartOctets = 64;  // RFC 5321 §4.5.3.1.1
inline constexpr std::size_t kMaxDomainOctets = 255;    // RFC 5321 §4.5.3.1.2
inline constexpr std::size_t kMaxPathOctets = 256;      // RFC 5321 §4.5.3.1.3
inline constexpr std::size_t kMaxParameters = 10;       // more is abuse, not mail
inline constexpr std::size_t kMaxEnvidOctets = 100;     // RFC 3461 §4.4
inline constexpr std::size_t kMaxOrcptOctets = 500;     // RFC 3461 §4.2

struct Command {
    std::string verb;      // upper-cased
    std::string argument;  // everything after the first space, as sent
};
Command split_command(std::string_view line);

struct Path {
    bool null = false;       // "<>"
    std::string local_part;  // as written, quotes included
    std::string domain;      // empty for "<postmaster>"
    bool non_ascii = false;  // needs SMTPUTF8

    std::string address() const {
        return null ? std::string{} : local_part + (domain.empty() ? "" : "@" + domain);
    }
};

struct Parameter {
    std::string keyword;               // upper-cased
    std::optional<std::string> value;  // after '=', as sent
};

struct PathCommand {
    Path path;
    std::vector<Parameter> parameters;
};

struct SyntaxError {
    int code = 501;  // 501, or 555 for parameters the server does not know
    std::string enhanced = "5.5.4";
    std::string text;
};

template <typename T>
struct Parsed {
    std::optional<T> value;
    SyntaxError error;
    bool ok() const { return value.has_value(); }
};

// "FROM:<a@b> SIZE=10" (the argument of MAIL). `<>` allowed.
Parsed<PathCommand> parse_mail_argument(std::string_view argument);
// "TO:<a@b> NOTIFY=NEVER" (the argument of RCPT). `<postmaster>` allowed.
Parsed<PathCommand> parse_rcpt_argument(std::string_view argument);
// One path, "<...>", with nothing after it.
Parsed<Path> parse_path(std::string_view text, bool allow_null);

struct MailParameters {
    std::optional<std::uint64_t> size;
    BodyType body = BodyType::SevenBit;
    bool smtputf8 = false;
    DsnReturn ret = DsnReturn::Unspecified;
    std::string envid;
};
Parsed<MailParameters> interpret_mail_parameters(const std::vector<Parameter>& parameters);

struct RcptParameters {
    DsnNotify notify;
    std::string orcpt;
};
Parsed<RcptParameters> interpret_rcpt_parameters(const std::vector<Parameter>& parameters);

// RFC 3461 §4 xtext: "+" followed by two upper-case hex digits, else printable ASCII but '=' and
// '+'.
bool is_valid_xtext(std::string_view text);
// Digits only, no overflow.
std::optional<std::uint64_t> parse_decimal(std::string_view text);

}  // namespace maillab::protocols::smtp
