// Mailbox names under IMAP4rev2 (RFC 9051 §5.1): the client sends and reads
// them as UTF-8, while the store keeps its canonical modified UTF-7 names
// (RFC 3501 §5.1.3), so the session converts at the edge: a command's names
// on the way in, each name it writes on the way out.
#pragma once

#include <string>
#include <string_view>

#include "protocols/imap/command.hpp"

namespace maillab::protocols::imap {

// Every mailbox name, LIST reference and LIST pattern in `command` from UTF-8
// to modified UTF-7; false (the command half converted) when one is not valid UTF-8.
bool names_to_modified_utf7(Command& command);

// A store name as an IMAP4rev2 client reads it, in UTF-8; the name as it is when
// it is not modified UTF-7.
std::string name_to_utf8(std::string_view name);

}  // namespace maillab::protocols::imap
