// BODY and BODYSTRUCTURE (RFC 3501 §7.4.2, grammar "body" in §9): the MIME
// structure of a message as one parenthesised list, written from a
// mime::MimeTree.
//
// Done: basic, text and message/rfc822 parts (the embedded message's
// envelope, body structure and line count), multiparts of any depth (the
// tree is bounded by mime::kMaxNestingDepth, so the recursion is too);
// extension data for BODYSTRUCTURE: md5, disposition with parameters,
// language list and location for single parts; parameters, disposition,
// language and location for multiparts.
// Matches Dovecot: sizes are octets with every line ending as CRLF (what
// BODY[...] sends), lines count LF characters, type, subtype, disposition
// and transfer encoding as sent, a text part without parameters gets
// ("charset" "us-ascii"), a multipart without parts (mime demoted it: no
// boundary, no delimiter line, too deep) holds one empty text/plain part.
// A message/rfc822 mime demoted (too deep, or in base64/quoted-printable) is
// described as the text/plain leaf mime made of it.
// Not done: parameter names keep mime's lower case (Dovecot sends them as
// written).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "protocols/mime/mime_tree.hpp"

namespace maillab::protocols::imap {

// The structure of tree.parts[index] of `message` (the bytes the tree was parsed from).
std::string body_structure_of(std::string_view message, const mime::MimeTree& tree,
                              std::size_t index, bool extensible);

}  // namespace maillab::protocols::imap
