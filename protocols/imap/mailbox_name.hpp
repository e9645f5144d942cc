// Which mailbox names the server lets a client create or rename to. The
// store must never see a name that could escape its directory or confuse
// LIST: checked here before any store call.
//
// - [x] length limit, 7-bit printable only (names on the wire are modified UTF-7, RFC 3501
//       §5.1.3), no wildcards "%" "*", no empty, "." or ".." hierarchy level
// - [x] modified UTF-7 well-formed and canonical (mime::decode_modified_utf7)
#pragma once

#include <cstddef>
#include <string_view>

namespace maillab::protocols::imap {

// Longest mailbox name (all levels) the server accepts, in octets.
inline constexpr std::size_t kMaxMailboxNameOctets = 255;

bool valid_new_mailbox_name(std::string_view name, char delimiter);

}  // namespace maillab::protocols::imap
