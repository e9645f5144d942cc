// The SMTP server's commands, each described once (RFC 5321 §4.1 and the
// extensions): the state machine's states, the typed commands the table's
// parsers make, and the table itself (command_table.cpp). The server session
// dispatches through it; the explanations and HELP read it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "protocols/core/command_table.hpp"
#include "protocols/smtp/bdat.hpp"
#include "protocols/smtp/command_parser.hpp"

namespace maillab::protocols::smtp {

// Where the dialogue is (RFC 5321 §4.1.4). The trace shows to_string(state).
enum class State : std::uint8_t {
    Connected,      // greeted, no HELO/EHLO yet
    Tls,            // TLS just started: the client must say EHLO again (RFC 3207 §4.2)
    Ready,          // after HELO/EHLO, no mail transaction
    Authenticated,  // ready, just logged in with AUTH
    Mail,           // MAIL accepted, no recipient yet
    Rcpt,           // at least one recipient accepted
    Bdat,           // between two BDAT chunks of one message (RFC 3030)
    Data,           // reading the message text after DATA's 354
};
std::string_view to_string(State state);

enum class CommandFlag : std::uint8_t {
    HidesArgument,  // credentials: the trace shows the first word of the argument only
    NotOffered,     // answered 502 and left out of HELP (EXPN)
};

// The typed commands. MAIL, RCPT and ETRN keep their argument as sent: like
// Postfix, the server checks the state before the argument's syntax.
struct EhloCommand {
    std::string domain;
};
struct HeloCommand {
    std::string domain;
};
struct MailCommand {
    std::string argument;
};
struct RcptCommand {
    std::string argument;
};
struct DataCommand {};
struct BdatChunk {
    BdatCommand chunk;
};
struct RsetCommand {};
struct NoopCommand {};
struct QuitCommand {};
struct VrfyCommand {
    std::string argument;
};
struct ExpnCommand {};
struct HelpCommand {};
struct EtrnCommand {
    std::string argument;
};
struct StartTlsCommand {};
struct AuthCommand {
    std::string mechanism;               // upper-cased
    std::optional<std::string> initial;  // the initial response, as sent
};

using ParsedCommand =
    std::variant<EhloCommand, HeloCommand, MailCommand, RcptCommand, DataCommand, BdatChunk,
                 RsetCommand, NoopCommand, QuitCommand, VrfyCommand, ExpnCommand, HelpCommand,
                 EtrnCommand, StartTlsCommand, AuthCommand>;

// The answer to a command that came in a state outside its row's states.
struct Refusal {
    int code = 503;
    std::string_view enhanced = "5.5.1";
    std::string_view text;
};

using CommandRow =
    core::CommandSpec<State, CommandFlag, Parsed<ParsedCommand> (*)(std::string_view),
                      Refusal (*)(State)>;

inline constexpr std::size_t kCommandCount = std::variant_size_v<ParsedCommand>;
const std::array<CommandRow, kCommandCount>& command_table();

// The row for an upper-case verb, or nullptr.
const CommandRow* find_command(std::string_view verb);

// HELP's text: the offered commands in the table's order.
std::string help_text();

}  // namespace maillab::protocols::smtp
