// The POP3 server's commands, each described once (RFC 1939, RFC 2449,
// RFC 2595, RFC 5034): the keyword, the typed verb it parses to, the states
// it is allowed in, its flags and its explanation. The parser, the server's
// dispatch and the explanations read this table (command_table.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "protocols/core/command_table.hpp"
#include "protocols/pop3/command_parser.hpp"

namespace maillab::protocols::pop3 {

enum class ServerState : std::uint8_t { Authorization, StlsPending, Transaction, Update, Closed };
std::string_view to_string(ServerState state);

enum class CommandFlag : std::uint8_t {
    KeepsPendingUser,  // does not end a USER ... PASS pair (RFC 1939 §7: PASS follows USER)
};

// Every command refused in its state gets the same kind of answer, so the
// session answers it; the row needs no refusal of its own.
using NoRefusal = std::nullptr_t;

// POP3 arguments are words read by each handler, so a keyword parses to its verb.
using CommandRow = core::CommandSpec<ServerState, CommandFlag, Verb, NoRefusal>;

// Every verb but Unknown has one row.
inline constexpr std::size_t kCommandCount = static_cast<std::size_t>(Verb::Unknown);
const std::array<CommandRow, kCommandCount>& command_table();

// The row for an upper-case keyword, or nullptr.
const CommandRow* find_command(std::string_view keyword);
// The row for a verb, or nullptr for Verb::Unknown.
const CommandRow* find_command(Verb verb);

}  // namespace maillab::protocols::pop3
