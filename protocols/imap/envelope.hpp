// The ENVELOPE of a message (RFC 3501 §7.4.2): the parsed form of its
// Date, Subject, From, Sender, Reply-To, To, Cc, Bcc, In-Reply-To and
// Message-ID header fields, as one parenthesised list.
//
// Done: strings sent raw (encoded words are not decoded: the client does
// that), NIL for an absent field, Sender and Reply-To defaulting to From,
// addresses as (name adl mailbox host), groups as a start marker
// (NIL NIL "name" NIL) and an end marker (NIL NIL NIL NIL), strings quoted or
// sent as literals (8-bit text, NUL) by response_writer's rules.
// Like Dovecot: only the first field of each name counts; a mailbox without
// a domain gets host "" (NIL would mean a group marker).
// Not done: RFC 6532 UTF-8 in addresses is passed through as literals.
#pragma once

#include <string>

#include "protocols/mime/header_block.hpp"

namespace maillab::protocols::imap {

// The whole "(date subject from ... message-id)" list.
std::string envelope_of(const mime::HeaderBlock& headers);

}  // namespace maillab::protocols::imap
