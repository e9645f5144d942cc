// Shared pieces of the per-group command parsers (command_parser*.cpp).
// Each parse_* function starts right after the command name and stops before
// the end of the command; the dispatcher checks that nothing is left.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocols/imap/command.hpp"
#include "protocols/imap/command_parser.hpp"
#include "protocols/imap/lexer.hpp"

namespace maillab::protocols::imap::detail {

std::optional<Mailbox> mailbox(Lexer& lx);
std::optional<std::string> flag(Lexer& lx);
// "(" [flag *(SP flag)] ")"
std::optional<std::vector<std::string>> flag_list(Lexer& lx);
// "(" atom *(SP atom) ")" upper-cased; empty allowed when allow_empty.
std::optional<std::vector<std::string>> atom_list(Lexer& lx, bool allow_empty);

std::optional<Command> parse_authenticate(Lexer& lx);
std::optional<Command> parse_login(Lexer& lx);
std::optional<Command> parse_enable(Lexer& lx);
std::optional<Command> parse_id(Lexer& lx);
std::optional<Command> parse_getquota(Lexer& lx);
std::optional<Command> parse_select(Lexer& lx, bool examine);
std::optional<Command> parse_list(Lexer& lx, bool lsub);
std::optional<Command> parse_status(Lexer& lx);
std::optional<Command> parse_append(Lexer& lx);
std::optional<Command> parse_rename(Lexer& lx);
std::optional<Command> parse_setquota(Lexer& lx);

std::optional<Command> parse_search(Lexer& lx, bool uid);
std::optional<Command> parse_fetch(Lexer& lx, bool uid);
std::optional<Command> parse_store(Lexer& lx, bool uid);
std::optional<Command> parse_copy(Lexer& lx, bool uid, bool move);
std::optional<Command> parse_uid_expunge(Lexer& lx);

std::optional<Command> parse_sort(Lexer& lx, bool uid);
std::optional<Command> parse_thread(Lexer& lx, bool uid);

}  // namespace maillab::protocols::imap::detail
