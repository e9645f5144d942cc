// What IMAP4rev1 has and IMAP4rev2 took out (RFC 9051 Appendix E), refused with
// BAD once a session has enabled IMAP4rev2:
// - [x] LSUB (items 19 and 21: LIST (SUBSCRIBED) replaces it)
// - [x] STATUS RECENT, also inside LIST RETURN (STATUS (...)) (item 9: no \Recent)
// - [x] the RECENT, NEW and OLD search keys, in SEARCH, SORT and THREAD (item 9)
#pragma once

#include <optional>
#include <string>

#include "protocols/imap/command.hpp"

namespace maillab::protocols::imap {

// The reason a rev2 session refuses the command, or nothing when rev2 has it.
std::optional<std::string> rev2_refusal(const Command& command);
// Whether the command is a SEARCH or SORT with RETURN (SAVE) (RFC 5182).
bool saves_result(const Command& command);

}  // namespace maillab::protocols::imap
