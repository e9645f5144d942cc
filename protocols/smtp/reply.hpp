// SMTP replies (RFC 5321 §4.2): formatting on the server side and a robust
// multi-line reply parser on the client side, with hard limits.
//
// Implemented: 3-digit codes, multi-line replies ("250-" ... "250 "),
// enhanced status codes in the text (RFC 2034, RFC 3463).
// Not yet: replies with a code but no text separator other than end of line
// are accepted as empty text (RFC 5321 allows "250" alone).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/core/line_framer.hpp"

namespace maillab::protocols::smtp {

// RFC 5321 §4.5.3.1.5 says 512 octets; real servers send longer EHLO lines,
// so the client tolerates up to this many octets per reply line.
inline constexpr std::size_t kMaxReplyLineOctets = 2048;
// A multi-line reply longer than this is treated as a broken server.
inline constexpr std::size_t kMaxReplyLines = 100;

struct Reply {
    int code = 0;
    std::string enhanced;            // "2.1.5" when the first line starts with one
    std::vector<std::string> lines;  // the text of each line, without code and separator

    int klass() const { return code / 100; }
    bool positive() const { return code >= 200 && code < 400; }
    bool transient() const { return klass() == 4; }
    bool permanent() const { return klass() == 5; }
    // The text of all lines joined with spaces (enhanced code included).
    std::string text() const;
    // The reply as it travels on the wire, CRLF after every line.
    std::string wire() const;
    bool operator==(const Reply&) const = default;
};

// "250 2.1.0 Ok\r\n"; an empty enhanced code leaves it out (greeting, 354, 334).
std::string format_reply(int code, std::string_view enhanced, std::string_view text);
// Multi-line: every line but the last gets "code-", the last "code ".
std::string format_multiline_reply(int code, const std::vector<std::string>& lines);
// The leading "x.y.z " of a reply text, if it has one.
std::optional<std::string> leading_enhanced_code(std::string_view text);

struct ReplyParseResult {
    bool ok = true;
    Reply reply;
    std::string error;  // why the server's bytes are not a valid reply
};

// Client side: cuts the byte stream into whole replies. After an error the
// parser stays failed: a client cannot resynchronise with a broken server.
class ReplyParser {
public:
    ReplyParser();
    void feed(std::string_view bytes);
    std::optional<ReplyParseResult> next();
    bool failed() const { return failed_; }

private:
    std::optional<ReplyParseResult> fail(std::string why);

    core::LineFramer framer_;
    Reply partial_;
    bool failed_ = false;
};

}  // namespace maillab::protocols::smtp
