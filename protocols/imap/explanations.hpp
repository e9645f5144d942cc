// Plain-language explanations of IMAP commands, responses and response
// codes, each with the RFC section that defines it, written for a student
// watching the protocol for the first time.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "protocols/core/explanation.hpp"
#include "protocols/imap/command.hpp"
#include "protocols/imap/command_reader.hpp"
#include "protocols/imap/response_writer.hpp"

namespace maillab::protocols::imap {

// By the upper-case name as in TaggedCommand::name ("UID FETCH", "IDLE", "DONE");
// a name without an explanation gets a general one (see find_command_explanation).
core::Explanation explain_command(std::string_view name);
// The explanation written for this command, or nothing: what tests check, so
// that a command added without one fails instead of falling back silently.
std::optional<core::Explanation> find_command_explanation(std::string_view name);
// The name a command's explanation is found by: its own, or the use of an extension
// it makes ("APPEND (MULTIAPPEND)", "APPEND (BINARY)", "APPEND (UTF8)", "ENABLE
// UTF8=ACCEPT", "FETCH PREVIEW", "FETCH SAVEDATE", "SEARCH SAVEDATE"; top-level keys).
std::string explanation_name(const TaggedCommand& command);
core::Explanation explain_command(const TaggedCommand& command);
// Untagged data responses by name ("EXISTS", "FETCH", "VANISHED", "+" ...).
core::Explanation explain_response(std::string_view name);
core::Explanation explain_status(Status status);
core::Explanation explain_code(CodeKind kind);
core::Explanation explain_read_error(ReadError error);

}  // namespace maillab::protocols::imap
