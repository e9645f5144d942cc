#include "protocols/pop3/command_table.hpp"

namespace maillab::protocols::pop3 {

namespace {

using States = core::EnumSet<ServerState>;
using Flags = core::EnumSet<CommandFlag>;

constexpr std::string_view kRfc1939Trans = "RFC 1939 §5";
constexpr std::string_view kRfc1939Update = "RFC 1939 §6";
constexpr std::string_view kRfc1939Optional = "RFC 1939 §7";

constexpr States kBeforeLogin{ServerState::Authorization};
constexpr States kAfterLogin{ServerState::Transaction};
constexpr States kEither{ServerState::Authorization, ServerState::Transaction};

// In the order of the Verb enum, which a test checks.
constexpr std::array<CommandRow, kCommandCount> kTable{{
    {"USER",
     Verb::User,
     kBeforeLogin,
     {},
     nullptr,
     "USER names the mailbox to log in to; the password follows with PASS",
     kRfc1939Optional},
    {"PASS", Verb::Pass, kBeforeLogin, Flags{CommandFlag::KeepsPendingUser}, nullptr,
     "PASS sends the password in plain text, readable by anyone on the path unless the "
     "connection is encrypted",
     kRfc1939Optional},
    {"APOP",
     Verb::Apop,
     kBeforeLogin,
     {},
     nullptr,
     "APOP logs in with an MD5 digest of the greeting's timestamp and the secret, so the "
     "password itself never crosses the wire",
     kRfc1939Optional},
    {"AUTH",
     Verb::Auth,
     kBeforeLogin,
     {},
     nullptr,
     "AUTH starts a SASL login; PLAIN sends the user and password in base64, which is "
     "encoding, not encryption",
     "RFC 5034 §4"},
    {"QUIT", Verb::Quit, kEither, Flags{CommandFlag::KeepsPendingUser}, nullptr,
     "QUIT ends the session; after a login this is the moment the messages marked with DELE "
     "are really removed",
     kRfc1939Update},
    {"STAT",
     Verb::Stat,
     kAfterLogin,
     {},
     nullptr,
     "STAT asks how many messages the maildrop holds and their total size",
     kRfc1939Trans},
    {"LIST",
     Verb::List,
     kAfterLogin,
     {},
     nullptr,
     "LIST asks for the size of every message",
     kRfc1939Trans},
    {"RETR",
     Verb::Retr,
     kAfterLogin,
     {},
     nullptr,
     "RETR downloads a message; it stays on the server unless the client also sends DELE",
     kRfc1939Trans},
    {"DELE",
     Verb::Dele,
     kAfterLogin,
     {},
     nullptr,
     "DELE only marks a message; it is removed when you QUIT",
     kRfc1939Trans},
    {"NOOP",
     Verb::Noop,
     kAfterLogin,
     {},
     nullptr,
     "NOOP does nothing; clients use it to keep the connection alive",
     kRfc1939Trans},
    {"RSET",
     Verb::Rset,
     kAfterLogin,
     {},
     nullptr,
     "RSET takes back every DELE of this session",
     kRfc1939Trans},
    {"TOP",
     Verb::Top,
     kAfterLogin,
     {},
     nullptr,
     "TOP asks for the headers of a message and the first lines of its body, e.g. to preview "
     "it without downloading it all",
     kRfc1939Optional},
    {"UIDL",
     Verb::Uidl,
     kAfterLogin,
     {},
     nullptr,
     "UIDL asks for the unique ids that stay the same across sessions; clients that leave mail "
     "on the server use them to spot new messages",
     kRfc1939Optional},
    {"CAPA", Verb::Capa, kEither, Flags{CommandFlag::KeepsPendingUser}, nullptr,
     "CAPA asks which extensions the server supports", "RFC 2449 §5"},
    {"STLS",
     Verb::Stls,
     kBeforeLogin,
     {},
     nullptr,
     "STLS asks to switch this connection to TLS before logging in",
     "RFC 2595 §4"},
}};

}  // namespace

std::string_view to_string(ServerState state) {
    switch (state) {
        case ServerState::Authorization:
            return "AUTHORIZATION";
        case ServerState::StlsPending:
            return "STLS";
        case ServerState::Transaction:
            return "TRANSACTION";
        case ServerState::Update:
            return "UPDATE";
        case ServerState::Closed:
            return "CLOSED";
    }
    return "?";
}

const std::array<CommandRow, kCommandCount>& command_table() {
    return kTable;
}

const CommandRow* find_command(std::string_view keyword) {
    return core::find_command(kTable, keyword);
}

const CommandRow* find_command(Verb verb) {
    if (verb == Verb::Unknown) return nullptr;
    return &kTable[static_cast<std::size_t>(verb)];
}

}  // namespace maillab::protocols::pop3
