#include "protocols/smtp/explanations.hpp"

#include <array>
#include <string>

#include "protocols/smtp/ascii.hpp"
#include "protocols/smtp/command_table.hpp"

namespace maillab::protocols::smtp {

namespace {

struct ReplyEntry {
    int code;
    std::string_view enhanced;  // empty: any enhanced code
    std::string_view meaning;
    std::string_view reference;
};

// Commands are explained by their rows in the command table; this is the one
// line that is not a command.
constexpr std::string_view kAuthCancel = "*";
constexpr std::string_view kAuthCancelMeaning =
    "A single '*' answering an AUTH challenge cancels the authentication exchange.";
constexpr std::string_view kAuthCancelReference = "RFC 4954 §4";

constexpr std::array kReplies{
    ReplyEntry{220, "",
               "220 is the greeting: the server is ready. After STARTTLS, 220 means 'begin the TLS "
               "handshake now'.",
               "RFC 5321 §4.2.2, RFC 3207 §4"},
    ReplyEntry{221, "", "221 means the server is closing the connection after QUIT.",
               "RFC 5321 §4.2.2"},
    ReplyEntry{214, "", "214 carries help text.", "RFC 5321 §4.2.2"},
    ReplyEntry{235, "", "235 2.7.0 means authentication succeeded: the client is now logged in.",
               "RFC 4954 §6"},
    ReplyEntry{250, "2.1.0", "250 2.1.0 means the sender is accepted.",
               "RFC 5321 §4.2.2, RFC 3463 §3.2"},
    ReplyEntry{250, "2.1.5", "250 2.1.5 means this recipient is accepted.",
               "RFC 5321 §4.2.2, RFC 3463 §3.2"},
    ReplyEntry{250, "2.0.0",
               "250 means the requested action is done; after the message text it means the server "
               "has taken responsibility for delivering it.",
               "RFC 5321 §4.2.2, §6.1"},
    ReplyEntry{
        250, "",
        "250 means the requested action is done (for EHLO the lines list the server's extensions).",
        "RFC 5321 §4.2.2"},
    ReplyEntry{251, "",
               "251 means the user is not local but the server will forward the message (for ETRN: "
               "nothing is waiting).",
               "RFC 5321 §4.2.2, RFC 1985 §5"},
    ReplyEntry{252, "",
               "252 means the server cannot verify the user but will accept mail for it and try to "
               "deliver.",
               "RFC 5321 §3.5.3"},
    ReplyEntry{334, "",
               "334 is an authentication challenge: the client answers with a base64 line.",
               "RFC 4954 §4"},
    ReplyEntry{354, "", "354 means 'send the message text now', ending with <CRLF>.<CRLF>.",
               "RFC 5321 §4.2.2, §4.1.1.4"},
    ReplyEntry{
        421, "4.4.2",
        "421 4.4.2 means the server waited too long for the client and closes the connection.",
        "RFC 5321 §4.5.3.2, RFC 3463 §3.5"},
    ReplyEntry{
        421, "4.7.0",
        "421 4.7.0 means the client made too many errors and the server closes the connection.",
        "RFC 5321 §4.2.2, RFC 3463 §3.8"},
    ReplyEntry{421, "",
               "421 means the service is not available and the connection is closing; the client "
               "should try again later.",
               "RFC 5321 §4.2.2"},
    ReplyEntry{450, "", "450 means the mailbox is temporarily unavailable; try again later.",
               "RFC 5321 §4.2.2"},
    ReplyEntry{451, "",
               "451 means a local error stopped the action; the message was not accepted and the "
               "client should retry later.",
               "RFC 5321 §4.2.2, RFC 3463 §3.4"},
    ReplyEntry{452, "4.5.3",
               "452 4.5.3 means too many recipients for one message; the client sends the rest in "
               "another transaction.",
               "RFC 5321 §4.5.3.1.10, RFC 3463 §3.6"},
    ReplyEntry{452, "", "452 means the server lacks storage right now; try again later.",
               "RFC 5321 §4.2.2"},
    ReplyEntry{454, "", "454 means TLS or authentication is temporarily unavailable.",
               "RFC 3207 §4, RFC 4954 §6"},
    ReplyEntry{458, "", "458 means the server cannot start delivery for that ETRN domain now.",
               "RFC 1985 §5"},
    ReplyEntry{459, "", "459 means ETRN is not allowed for that domain.", "RFC 1985 §5"},
    ReplyEntry{500, "5.5.2",
               "500 5.5.2 means the command was not understood (unknown verb, bad characters, or a "
               "line too long).",
               "RFC 5321 §4.2.2, RFC 3463 §3.6"},
    ReplyEntry{500, "", "500 means a syntax error: the command was not recognised.",
               "RFC 5321 §4.2.2"},
    ReplyEntry{501, "5.7.0", "501 5.7.0 means the client cancelled authentication with '*'.",
               "RFC 4954 §4"},
    ReplyEntry{501, "", "501 means the command is known but its arguments are wrong.",
               "RFC 5321 §4.2.2, RFC 3463 §3.6"},
    ReplyEntry{502, "", "502 means the command exists but this server does not implement it.",
               "RFC 5321 §4.2.2"},
    ReplyEntry{503, "",
               "503 means bad sequence of commands: this command is not allowed now (for example "
               "RCPT before MAIL).",
               "RFC 5321 §4.2.2, §4.1.4"},
    ReplyEntry{504, "", "504 means the parameter (e.g. the AUTH mechanism) is not supported.",
               "RFC 5321 §4.2.2, RFC 4954 §4"},
    ReplyEntry{530, "",
               "530 5.7.0 means the client must authenticate (AUTH) before sending mail here.",
               "RFC 4954 §6, RFC 6409 §4.3"},
    ReplyEntry{535, "", "535 5.7.8 means the user name or password was wrong.", "RFC 4954 §6"},
    ReplyEntry{538, "", "538 means the mechanism needs an encrypted connection first.",
               "RFC 4954 §6"},
    ReplyEntry{550, "5.1.1",
               "550 5.1.1 means there is no such mailbox here: the recipient's address is wrong.",
               "RFC 5321 §4.2.2, RFC 3463 §3.2"},
    ReplyEntry{550, "5.5.2",
               "550 5.5.2 here means the message had a bare CR or LF, which SMTP forbids; it was "
               "refused so no server can misread where it ends.",
               "RFC 5321 §2.3.8, §4.1.1.4"},
    ReplyEntry{550, "", "550 means the mailbox is unavailable and the action is refused for good.",
               "RFC 5321 §4.2.2"},
    ReplyEntry{552, "5.2.2", "552 5.2.2 means the recipient's mailbox is full (over quota).",
               "RFC 3463 §3.3"},
    ReplyEntry{552, "5.3.4", "552 5.3.4 means the message is bigger than this server accepts.",
               "RFC 1870 §6, RFC 3463 §3.4"},
    ReplyEntry{552, "", "552 means the action was refused because of storage limits.",
               "RFC 5321 §4.2.2"},
    ReplyEntry{
        553, "",
        "553 means the mailbox name is not allowed (for example non-ASCII without SMTPUTF8).",
        "RFC 5321 §4.2.2, RFC 6531 §3.5"},
    ReplyEntry{554, "5.7.1",
               "554 5.7.1 means relay access denied: this server only accepts mail for its own "
               "domains unless you log in.",
               "RFC 5321 §3.6.2, RFC 3463 §3.8"},
    ReplyEntry{554, "",
               "554 means the transaction failed for good (or, as a greeting, that the server will "
               "not talk to you).",
               "RFC 5321 §4.2.2, §3.1"},
    ReplyEntry{555, "", "555 means a MAIL or RCPT parameter is not recognised or not implemented.",
               "RFC 5321 §4.2.2"},
};

constexpr std::array kClasses{
    ReplyEntry{2, "", "A 2xx reply: the action succeeded.", "RFC 5321 §4.2.1"},
    ReplyEntry{3, "", "A 3xx reply: go on, the server waits for more from the client.",
               "RFC 5321 §4.2.1"},
    ReplyEntry{4, "", "A 4xx reply: a temporary failure; the client should try again later.",
               "RFC 5321 §4.2.1"},
    ReplyEntry{5, "", "A 5xx reply: a permanent failure; repeating the same command will not help.",
               "RFC 5321 §4.2.1"},
};

core::Explanation make(std::string_view meaning, std::string_view reference) {
    return core::Explanation{std::string{meaning}, std::string{reference}};
}

}  // namespace

core::Explanation explain_command(std::string_view verb) {
    if (verb == kAuthCancel) return make(kAuthCancelMeaning, kAuthCancelReference);
    if (const CommandRow* row = find_command(to_upper(verb))) return row->explanation();
    return explain_reply(500, "5.5.2");
}

core::Explanation explain_reply(int code, std::string_view enhanced) {
    for (const auto& e : kReplies)
        if (e.code == code && !e.enhanced.empty() && e.enhanced == enhanced)
            return make(e.meaning, e.reference);
    for (const auto& e : kReplies)
        if (e.code == code && e.enhanced.empty()) return make(e.meaning, e.reference);
    for (const auto& e : kClasses)
        if (e.code == code / 100) return make(e.meaning, e.reference);
    return make("Not a valid SMTP reply code.", "RFC 5321 §4.2");
}

}  // namespace maillab::protocols::smtp
