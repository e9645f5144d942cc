// The content of BODY[section]<partial> (RFC 3501 §6.4.5) for one message:
// which bytes a section names, with every line ending sent as CRLF.
//
// Done: the whole message, part numbers ("1.2.3", numbering continues inside
// message/rfc822), HEADER, HEADER.FIELDS and HEADER.FIELDS.NOT (names
// compared case-insensitively, fields in message order with their folds,
// always ending with the empty line), TEXT, MIME (the part's own header), and
// <origin.count> partials (an origin past the end gives "").
// A section that names no part, or HEADER/TEXT of a part that is not a
// message/rfc822, gives "": RFC 3501 §6.4.5 has no NO for a missing part, and
// Dovecot answers with an empty string too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/imap/fetch_attribute.hpp"
#include "protocols/mime/mime_tree.hpp"

namespace maillab::protocols::imap {

// Index in tree.parts of the part "1.2.3" names; {} is the message itself.
std::optional<std::size_t> find_part(const mime::MimeTree& tree,
                                     const std::vector<std::uint32_t>& numbers);
std::string section_content(std::string_view message, const mime::MimeTree& tree,
                            const Section& section);
// Bare LFs become CRLF (mail stored with Unix line ends is still sent as IMAP requires).
// Unlike core::to_crlf, nothing else changes: sizes and partial offsets stay those of the
// bytes with CRLF line ends (MimePart::body_size_crlf).
std::string lf_to_crlf(std::string_view text);
std::string apply_partial(std::string content, const std::optional<Partial>& partial);

}  // namespace maillab::protocols::imap
