// APPEND grammar with MULTIAPPEND (RFC 3502 §6), literal8 (BINARY, RFC 3516 §4.4)
// and the UTF8 data form of UTF8=ACCEPT (RFC 6855 §4):
//
//   append         = "APPEND" SP mailbox 1*append-message
//   append-message = [SP flag-list] [SP date-time] SP append-data
//   append-data    = literal / literal8 / "UTF8" SP "(" literal8 ")"
#include <utility>

#include "protocols/imap/command_parser.hpp"
#include "protocols/imap/command_parser_detail.hpp"

namespace maillab::protocols::imap::detail {

namespace {

std::optional<AppendMessage> append_message(Lexer& lx) {
    AppendMessage m;
    if (lx.peek() == '(') {
        auto flags = flag_list(lx);
        if (!flags || !lx.sp()) return std::nullopt;
        m.flags = std::move(*flags);
    }
    if (lx.peek() == '"') {
        auto text = lx.quoted();
        if (!text) return std::nullopt;
        auto dt = parse_date_time_text(*text);
        if (!dt) return lx.fail("Invalid date-time");
        m.internal_date = *dt;
        if (!lx.sp()) return std::nullopt;
    }
    std::optional<std::string> message;
    if (lx.peek() == '{') {
        message = lx.literal();
    } else if (lx.peek() == '~') {
        m.data = AppendData::Literal8;
        message = lx.literal8();
    } else if (lx.keyword("UTF8")) {
        m.data = AppendData::Utf8;
        if (!lx.sp() || !lx.expect('(')) return std::nullopt;
        message = lx.literal8();
        if (message && !lx.expect(')')) return std::nullopt;
    } else {
        return lx.fail("APPEND needs the message as a literal");
    }
    if (!message) return std::nullopt;
    m.message = std::move(*message);
    return m;
}

}  // namespace

std::optional<Command> parse_append(Lexer& lx) {
    if (!lx.sp()) return std::nullopt;
    auto mb = mailbox(lx);
    if (!mb) return std::nullopt;
    AppendCmd cmd;
    cmd.mailbox = std::move(*mb);
    // Each further message starts with a space after the previous literal (RFC 3502 §6).
    while (lx.consume(' ')) {
        if (cmd.messages.size() == kMaxAppendMessages) return lx.fail("Too many messages");
        auto m = append_message(lx);
        if (!m) return std::nullopt;
        cmd.messages.push_back(std::move(*m));
    }
    if (cmd.messages.empty()) return lx.fail("APPEND needs a message");
    return cmd;
}

}  // namespace maillab::protocols::imap::detail
