#include "protocols/pop3/explanations.hpp"

#include "protocols/pop3/command_table.hpp"

namespace maillab::protocols::pop3::explain {

namespace {

constexpr std::string_view kRfc1939Auth = "RFC 1939 §4";
constexpr std::string_view kRfc1939Trans = "RFC 1939 §5";
constexpr std::string_view kRfc1939Update = "RFC 1939 §6";
constexpr std::string_view kRfc1939Optional = "RFC 1939 §7";

Explanation make(std::string meaning, std::string_view reference) {
    return Explanation{std::move(meaning), std::string{reference}};
}

std::string n(std::size_t value) {
    return std::to_string(value);
}

std::string message_word(std::size_t count) {
    return n(count) + (count == 1 ? " message" : " messages");
}

}  // namespace

Explanation command(const Command& cmd) {
    const std::string first = cmd.args.empty() ? std::string{} : cmd.args.front();
    // A command naming a message is explained with its number; the rest by the table.
    if (!first.empty()) {
        switch (cmd.verb) {
            case Verb::List:
                return make("LIST " + first + " asks for the size of message " + first,
                            kRfc1939Trans);
            case Verb::Retr:
                return make("RETR " + first + " downloads message " + first +
                                "; it stays on the server unless the client also sends DELE",
                            kRfc1939Trans);
            case Verb::Dele:
                return make("DELE " + first + " only marks message " + first +
                                "; it is removed when you QUIT",
                            kRfc1939Trans);
            default:
                break;
        }
    }
    if (const CommandRow* row = find_command(cmd.verb)) return row->explanation();
    return make(cmd.keyword + " is not a POP3 command", "RFC 1939 §3");
}

Explanation response(Verb sent, const Response& reply) {
    const std::string verb{to_string(sent)};
    if (reply.continuation) return auth_continue();
    if (!reply.ok) {
        std::string meaning = "-ERR: the server refused " + verb;
        if (reply.code == RespCode::InUse) return in_use();
        if (reply.code == RespCode::LoginDelay) return login_delay();
        if (reply.code == RespCode::SysTemp) return temporary_failure();
        if (reply.code == RespCode::Auth) return login_failed(verb);
        return make(meaning + (reply.text.empty() ? "" : " (" + reply.text + ")"), "RFC 1939 §3");
    }
    switch (sent) {
        case Verb::Retr:
            return make(
                "+OK: the message follows, byte-stuffed, ended by a line with a single "
                "dot",
                kRfc1939Trans);
        case Verb::Dele:
            return make("+OK: the message is marked; it is removed only when QUIT succeeds",
                        kRfc1939Trans);
        case Verb::Quit:
            return make("+OK to QUIT: the server has removed the messages marked with DELE",
                        kRfc1939Update);
        case Verb::Uidl:
            return make("+OK: each line pairs a message number with its unique id",
                        kRfc1939Optional);
        case Verb::Capa:
            return capa(true);
        case Verb::Stls:
            return stls_begin();
        case Verb::Pass:
        case Verb::Apop:
        case Verb::Auth:
            return make(
                "+OK: logged in; the maildrop is locked and the session is in the "
                "TRANSACTION state",
                kRfc1939Auth);
        default:
            break;
    }
    return make("+OK: the server accepted " + verb, "RFC 1939 §3");
}

Explanation greeting(bool with_apop_timestamp) {
    return make(with_apop_timestamp
                    ? "+OK greeting: the server is ready; the <...> part is the unique timestamp "
                      "APOP hashes with the secret"
                    : "+OK greeting: the server is ready and waits for a login",
                with_apop_timestamp ? kRfc1939Optional : kRfc1939Auth);
}

Explanation capa(bool authorization) {
    return make(authorization ? "The capability list: the extensions usable now, before login "
                                "(STLS, USER and SASL show how you may log in)"
                              : "The capability list for a logged-in session",
                "RFC 2449 §5");
}

Explanation user_accepted(std::string_view user) {
    return make(
        "+OK: the server noted the name " + std::string{user} + "; it checks nothing until PASS",
        kRfc1939Optional);
}

Explanation plaintext_refused() {
    return make(
        "-ERR: plain-text passwords are refused on an unencrypted connection; use STLS "
        "first",
        "RFC 2595 §2.2");
}

Explanation pass_without_user() {
    return make("-ERR: PASS must come right after USER", kRfc1939Optional);
}

Explanation logged_in(std::string_view method, std::size_t count, std::size_t octets) {
    return make("+OK: " + std::string{method} + " login accepted; the maildrop is locked and has " +
                    message_word(count) + " (" + n(octets) + " octets)",
                kRfc1939Auth);
}

Explanation login_failed(std::string_view method) {
    return make("-ERR [AUTH]: the " + std::string{method} +
                    " credentials are wrong; the session stays in AUTHORIZATION",
                "RFC 3206 §4");
}

Explanation login_delay() {
    return make(
        "-ERR [LOGIN-DELAY]: the credentials are right, but this user logged in too "
        "recently",
        "RFC 2449 §8.1.1");
}

Explanation temporary_failure() {
    return make("-ERR [SYS/TEMP]: a temporary problem on the server; try again later",
                "RFC 3206 §4");
}

Explanation in_use() {
    return make("-ERR [IN-USE]: another POP3 session holds the lock on this maildrop",
                "RFC 2449 §8.1.2");
}

Explanation too_many_login_failures(std::size_t limit) {
    return make("-ERR [AUTH]: " + n(limit) +
                    " failed logins; the server hangs up to slow down "
                    "password guessing",
                "RFC 1939 §13");
}

Explanation apop_unavailable() {
    return make(
        "-ERR: APOP is not possible here (no timestamp in the greeting, or no secret "
        "for this user)",
        kRfc1939Optional);
}

Explanation auth_mechanisms() {
    return make("The SASL mechanisms this server offers for AUTH", "RFC 5034 §4");
}

Explanation auth_continue() {
    return make("\"+ \": the server waits for the client's base64 SASL response (\"*\" cancels)",
                "RFC 5034 §4");
}

Explanation sasl_response() {
    return make(
        "The client's SASL answer in base64; for PLAIN it decodes to "
        "\"authzid NUL user NUL password\", readable by anyone who sees it",
        "RFC 4616 §2");
}

Explanation auth_cancelled() {
    return make("-ERR: the client cancelled AUTH with \"*\"", "RFC 5034 §4");
}

Explanation auth_bad_base64() {
    return make("-ERR: the SASL response is not valid base64", "RFC 5034 §4");
}

Explanation auth_unknown_mechanism(std::string_view mechanism) {
    return make("-ERR: the server does not offer the SASL mechanism " + std::string{mechanism},
                "RFC 5034 §4");
}

Explanation stls_begin() {
    return make(
        "+OK to STLS: the next bytes on this connection are the TLS handshake; all "
        "state learned before (capabilities) must be forgotten",
        "RFC 2595 §4");
}

Explanation stls_refused(std::string_view why) {
    return make("-ERR to STLS: " + std::string{why}, "RFC 2595 §4");
}

Explanation stat(std::size_t count, std::size_t octets) {
    return make("+OK: " + message_word(count) + ", " + n(octets) +
                    " octets in all (messages marked with DELE do not count)",
                kRfc1939Trans);
}

Explanation list_all(std::size_t count) {
    return make("+OK: a line \"number size\" for each of the " + message_word(count) +
                    ", then a single dot",
                kRfc1939Trans);
}

Explanation list_one(std::size_t number, std::size_t size) {
    return make("+OK: message " + n(number) + " has " + n(size) + " octets", kRfc1939Trans);
}

Explanation uidl_all(std::size_t count) {
    return make("+OK: a line \"number unique-id\" for each of the " + message_word(count) +
                    "; the ids stay the same in every session",
                kRfc1939Optional);
}

Explanation uidl_one(std::size_t number, std::string_view uid) {
    return make("+OK: message " + n(number) + " has the unique id " + std::string{uid},
                kRfc1939Optional);
}

Explanation retr(std::size_t number, std::size_t size) {
    return make("+OK: message " + n(number) + " follows (" + n(size) +
                    " octets); lines starting with \".\" get an extra \".\" and a lone \".\" "
                    "ends it",
                kRfc1939Trans);
}

Explanation top(std::size_t number, std::size_t lines) {
    return make("+OK: the headers of message " + n(number) + " and the first " + n(lines) +
                    " lines of its body",
                kRfc1939Optional);
}

Explanation dele(std::size_t number) {
    return make("DELE only marks message " + n(number) + "; it is removed when you QUIT",
                kRfc1939Update);
}

Explanation noop() {
    return make("+OK: nothing happened; the session is still alive", kRfc1939Trans);
}

Explanation rset(std::size_t count) {
    return make("+OK: every DELE of this session is undone; the maildrop shows " +
                    message_word(count) + " again",
                kRfc1939Trans);
}

Explanation no_such_message(std::string_view argument) {
    return make(
        "-ERR: \"" + std::string{argument} + "\" is not the number of a message in this session",
        kRfc1939Trans);
}

Explanation already_deleted(std::size_t number) {
    return make("-ERR: message " + n(number) +
                    " is marked with DELE and invisible until RSET or the end of the session",
                kRfc1939Trans);
}

Explanation missing_argument(Verb verb) {
    return make("-ERR: " + std::string{to_string(verb)} + " needs an argument here",
                kRfc1939Optional);
}

Explanation wrong_state(Verb verb, bool logged_in) {
    return make("-ERR: " + std::string{to_string(verb)} +
                    (logged_in ? " is only allowed before login (AUTHORIZATION state)"
                               : " is only allowed after login (TRANSACTION state)"),
                logged_in ? kRfc1939Trans : kRfc1939Auth);
}

Explanation unknown_command(std::string_view keyword) {
    return make("-ERR: " + std::string{keyword} + " is not a command this server knows",
                "RFC 1939 §3");
}

Explanation bad_line(ParseError error) {
    switch (error) {
        case ParseError::Empty:
            return make("-ERR: an empty line is not a command", "RFC 1939 §3");
        case ParseError::BadCharacter:
            return make("-ERR: control characters are not allowed in a command", "RFC 1939 §3");
        case ParseError::KeywordTooLong:
            return make("-ERR: POP3 keywords are 3 or 4 characters long", "RFC 2449 §4");
        case ParseError::TooManyArguments:
            return make("-ERR: too many arguments for a POP3 command", "RFC 1939 §3");
        case ParseError::None:
            break;
    }
    return make("-ERR: the line is not a command", "RFC 1939 §3");
}

Explanation line_too_long(std::size_t limit) {
    return make("-ERR: the command line is longer than " + n(limit) +
                    " octets; the server skipped it and reads on from the next line",
                "RFC 2449 §4");
}

Explanation too_many_bad_commands(std::size_t limit) {
    return make("-ERR: " + n(limit) + " bad commands; the server hangs up", "RFC 1939 §3");
}

Explanation quit_without_update() {
    return make("+OK: goodbye; nobody logged in, so nothing changes", kRfc1939Update);
}

Explanation quit_update(std::size_t removed) {
    return make("+OK: UPDATE state: the " + message_word(removed) +
                    " marked with DELE are removed now, and the lock is released",
                kRfc1939Update);
}

Explanation quit_update_failed() {
    return make("-ERR: some messages marked with DELE could not be removed", kRfc1939Update);
}

Explanation read_failed(std::size_t number) {
    return make("-ERR [SYS/TEMP]: message " + n(number) + " could not be read from the store",
                "RFC 3206 §4");
}

Explanation idle_timeout() {
    return make(
        "The client was idle too long; the server closes WITHOUT entering UPDATE, so "
        "no message is removed",
        "RFC 1939 §3");
}

Explanation dropped_without_quit(bool in_transaction) {
    return make(in_transaction
                    ? "The connection dropped without QUIT: no UPDATE state, so messages marked "
                      "with DELE stay on the server"
                    : "The connection dropped before login",
                kRfc1939Update);
}

Explanation state_transaction() {
    return make(
        "TRANSACTION: logged in; the maildrop is locked and its messages are numbered "
        "for this session",
        kRfc1939Trans);
}

Explanation state_update() {
    return make("UPDATE: after QUIT the server removes the marked messages and releases the lock",
                kRfc1939Update);
}

Explanation state_authorization_after_tls() {
    return make(
        "TLS is active; the session is back in AUTHORIZATION and the client must ask "
        "CAPA again",
        "RFC 2595 §4");
}

}  // namespace maillab::protocols::pop3::explain
