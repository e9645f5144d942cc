#include "protocols/smtp/command_table.hpp"

#include "protocols/smtp/ascii.hpp"

namespace maillab::protocols::smtp {

namespace {

using Result = Parsed<ParsedCommand>;
using States = core::EnumSet<State>;
using Flags = core::EnumSet<CommandFlag>;

Result made(ParsedCommand command) {
    return Result{std::move(command), {}};
}

Result syntax(std::string_view text) {
    return Result{std::nullopt, SyntaxError{501, "5.5.4", std::string{text}}};
}

// Commands that take no argument refuse one before anything else.
template <typename Command>
Result bare(std::string_view argument, std::string_view usage) {
    if (!argument.empty()) return syntax(usage);
    return made(Command{});
}

Result parse_auth(std::string_view argument) {
    const std::size_t space = argument.find(' ');
    AuthCommand auth{to_upper(argument.substr(0, space)), std::nullopt};
    if (space != std::string_view::npos) auth.initial = std::string{argument.substr(space + 1)};
    return made(std::move(auth));
}

bool before_hello(State state) {
    return state == State::Connected || state == State::Tls;
}

Refusal refuse_mail(State state) {
    return {503, "5.5.1",
            before_hello(state) ? "Error: send HELO/EHLO first" : "Error: nested MAIL command"};
}

Refusal refuse_rcpt(State state) {
    return {503, "5.5.1",
            state == State::Bdat ? "Error: BDAT in progress" : "Error: need MAIL command"};
}

Refusal refuse_data(State state) {
    if (state == State::Bdat) return {503, "5.5.1", "Error: BDAT in progress"};
    if (state == State::Mail) return {554, "5.5.1", "Error: no valid recipients"};
    return {503, "5.5.1", "Error: need RCPT command"};
}

Refusal refuse_in_transaction(State state) {
    return {503, "5.5.1",
            before_hello(state) ? "Error: send HELO/EHLO first"
                                : "Error: MAIL transaction in progress"};
}

Refusal refuse_before_hello(State) {
    return {503, "5.5.1", "Error: send HELO/EHLO first"};
}

constexpr States kReady{State::Ready, State::Authenticated};
constexpr States kNotInTransaction{State::Connected, State::Tls, State::Ready,
                                   State::Authenticated};
constexpr States kAfterHello{State::Ready, State::Authenticated, State::Mail, State::Rcpt,
                             State::Bdat};

const std::array<CommandRow, kCommandCount> kTable{{
    {"EHLO",
     [](std::string_view a) { return made(EhloCommand{std::string{a}}); },
     States::every(),
     {},
     nullptr,
     "The client says hello, gives its name and asks which extensions (ESMTP) the server "
     "supports; it also ends any unfinished transaction.",
     "RFC 5321 §4.1.1.1"},
    {"HELO",
     [](std::string_view a) { return made(HeloCommand{std::string{a}}); },
     States::every(),
     {},
     nullptr,
     "The old-style hello without extensions: the client gives its name and gets a plain 250.",
     "RFC 5321 §4.1.1.1"},
    {"MAIL",
     [](std::string_view a) { return made(MailCommand{std::string{a}}); },
     kReady,
     {},
     refuse_mail,
     "MAIL starts a new message and names the sender (the reverse-path) where bounces go; <> "
     "means a bounce that must never bounce back. Parameters such as SIZE= or BODY= describe the "
     "message.",
     "RFC 5321 §4.1.1.2"},
    {"RCPT",
     [](std::string_view a) { return made(RcptCommand{std::string{a}}); },
     States{State::Mail, State::Rcpt},
     {},
     refuse_rcpt,
     "RCPT names one recipient of the message; the client sends one RCPT per recipient and the "
     "server may accept or refuse each one.",
     "RFC 5321 §4.1.1.3"},
    {"DATA",
     [](std::string_view a) { return bare<DataCommand>(a, "Syntax: DATA"); },
     States{State::Rcpt},
     {},
     refuse_data,
     "DATA asks to send the message text; after the 354 go-ahead the text follows, ending with a "
     "line holding a single dot.",
     "RFC 5321 §4.1.1.4"},
    // RFC 3030 §2: even a BDAT that will fail has its chunk read first, so any state.
    {"BDAT",
     [](std::string_view a) {
         auto chunk = parse_bdat_argument(a);
         return chunk ? made(BdatChunk{*chunk}) : syntax("Syntax: BDAT size [LAST]");
     },
     States::every(),
     {},
     nullptr,
     "BDAT sends the message in chunks of an announced size, with no dot-stuffing; LAST marks the "
     "final chunk.",
     "RFC 3030 §2"},
    {"RSET",
     [](std::string_view a) { return bare<RsetCommand>(a, "Syntax: RSET"); },
     States::every(),
     {},
     nullptr,
     "RSET throws away the message being prepared (sender, recipients, text) but keeps the "
     "connection.",
     "RFC 5321 §4.1.1.5"},
    {"NOOP",
     [](std::string_view) { return made(NoopCommand{}); },
     States::every(),
     {},
     nullptr,
     "NOOP does nothing except get a 250: a keep-alive or a check that the server still answers.",
     "RFC 5321 §4.1.1.9"},
    {"QUIT",
     [](std::string_view) { return made(QuitCommand{}); },
     States::every(),
     {},
     nullptr,
     "QUIT ends the session politely; the server answers 221 and closes the connection.",
     "RFC 5321 §4.1.1.10"},
    {"VRFY",
     [](std::string_view a) {
         return a.empty() ? syntax("Syntax: VRFY address") : made(VrfyCommand{std::string{a}});
     },
     States::every(),
     {},
     nullptr,
     "VRFY asks whether an address exists. Servers rarely say, because spammers used it to "
     "harvest addresses; 252 means 'I will try to deliver it'.",
     "RFC 5321 §4.1.1.6, §7.3"},
    {"EXPN", [](std::string_view) { return made(ExpnCommand{}); }, States::every(),
     Flags{CommandFlag::NotOffered}, nullptr,
     "EXPN asks to expand a mailing list; most servers refuse it for privacy.",
     "RFC 5321 §4.1.1.7"},
    {"HELP",
     [](std::string_view) { return made(HelpCommand{}); },
     States::every(),
     {},
     nullptr,
     "HELP asks the server for a short list of commands it understands.",
     "RFC 5321 §4.1.1.8"},
    {"ETRN",
     [](std::string_view a) { return made(EtrnCommand{std::string{a}}); },
     kReady,
     {},
     refuse_in_transaction,
     "ETRN asks the server to start delivering mail it holds for a domain now, e.g. for a site "
     "that is only sometimes online.",
     "RFC 1985 §3"},
    {"STARTTLS",
     [](std::string_view a) { return bare<StartTlsCommand>(a, "Syntax: STARTTLS"); },
     kNotInTransaction,
     {},
     refuse_in_transaction,
     "STARTTLS switches the connection to TLS encryption; afterwards the session starts over as "
     "if new.",
     "RFC 3207 §4"},
    {"AUTH", parse_auth, kAfterHello, Flags{CommandFlag::HidesArgument}, refuse_before_hello,
     "AUTH logs the client in with a SASL mechanism (PLAIN sends user and password in base64, "
     "LOGIN asks for them one by one) so it may send mail through this server.",
     "RFC 4954 §4"},
}};

}  // namespace

std::string_view to_string(State state) {
    switch (state) {
        case State::Connected:
            return "CONNECTED";
        case State::Tls:
            return "TLS";
        case State::Ready:
            return "READY";
        case State::Authenticated:
            return "AUTHENTICATED";
        case State::Mail:
            return "MAIL";
        case State::Rcpt:
            return "RCPT";
        case State::Bdat:
            return "BDAT";
        case State::Data:
            return "DATA";
    }
    return "?";
}

const std::array<CommandRow, kCommandCount>& command_table() {
    return kTable;
}

const CommandRow* find_command(std::string_view verb) {
    return core::find_command(kTable, verb);
}

std::string help_text() {
    std::string text = "Commands:";
    for (const CommandRow& row : kTable) {
        if (row.has(CommandFlag::NotOffered)) continue;
        text += ' ';
        text += row.name;
    }
    return text;
}

}  // namespace maillab::protocols::smtp
