// Flags as an IMAP client writes them (APPEND, STORE) turned into the store's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocols/store/mail_store.hpp"

namespace maillab::protocols::imap {

// Nothing for an unknown system flag or a keyword the store cannot keep.
// \Recent is the server's, never set by a client.
std::optional<store::Flags> to_store_flags(const std::vector<std::string>& names);

}  // namespace maillab::protocols::imap
