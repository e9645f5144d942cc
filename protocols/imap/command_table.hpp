// The IMAP server's commands, each described once (RFC 3501 §6 and the
// extensions), in the shape of protocols/core/command_table.hpp and with the
// flags of Dovecot's imap-commands.c: the connection states, the flags, and the
// table (command_table.cpp) whose rows give a command's name ("UID FETCH" is
// a row of its own), its parser, the states it is allowed in, its flags and
// its explanation. The parser finds a command's row by name, the session
// checks the row's states and flags before its handler runs (one
// ServerSession::handle overload per Command alternative, called through
// std::visit), and the explanations read the rows.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "protocols/core/command_table.hpp"
#include "protocols/imap/command.hpp"
#include "protocols/imap/lexer.hpp"

namespace maillab::protocols::imap {

// The connection states (RFC 3501 §3). The trace shows state_name(state).
enum class ServerState : std::uint8_t { NotAuthenticated, Authenticated, Selected, Logout };
std::string_view state_name(ServerState state);

enum class CommandFlag : std::uint8_t {
    // Names messages by sequence number (Dovecot's COMMAND_FLAG_USES_SEQS).
    UsesSeqs,
    // No EXPUNGE may be sent while answering it, or the numbers it answers with
    // would shift under the client (RFC 3501 §7.4.1; Dovecot syncs these commands
    // with MAILBOX_SYNC_FLAG_NO_EXPUNGES). Only commands that use sequence numbers.
    HoldsExpunges,
    // Works on mailboxes: answered NO [UNAVAILABLE] when no store is attached.
    NeedsStore,
};

// What a row's parser makes: `parse` reads what follows the command's name
// into the Command alternative numbered `alternative` (nothing on a syntax
// error, the lexer holding the reason).
struct CommandParser {
    std::optional<Command> (*parse)(Lexer&);
    std::size_t alternative;
};

// Every command refused in its state gets the same kind of answer (a tagged BAD
// naming the state), so the session answers it; the row needs no refusal of its own.
using NoRefusal = std::nullptr_t;

using CommandRow = core::CommandSpec<ServerState, CommandFlag, CommandParser, NoRefusal>;

inline constexpr std::size_t kCommandRows = 43;
const std::array<CommandRow, kCommandRows>& command_table();

// The row for an upper-case name as in TaggedCommand::name ("UID FETCH"), or nullptr.
const CommandRow* find_command(std::string_view name);

}  // namespace maillab::protocols::imap
