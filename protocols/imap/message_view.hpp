// One stored message as the IMAP server sees it: the values of the FETCH
// data items that come from its bytes (RFC 3501 §6.4.5, §7.4.2; RFC 3516
// BINARY) and the facts SEARCH needs (§6.4.4).
//
// Done: ENVELOPE, BODY and BODYSTRUCTURE (matching Dovecot's output),
// BODY[section]<partial> for every section form, RFC822, RFC822.HEADER and
// RFC822.TEXT (as sections), BINARY[part]<partial> and BINARY.SIZE with
// base64 and quoted-printable undone (any other encoding gives nothing: the
// server answers NO [UNKNOWN-CTE], RFC 3516 §4.3), decoded header values
// (RFC 2047), decoded body text (charset converted to UTF-8), the Date:
// header's date.
// Rules for hostile input: the MIME parse is mime::parse_mime's (bounded
// nesting and part count, never recursive); everything here walks that tree,
// so it is bounded by it. Line ends are sent as CRLF even if stored as bare LF.
// Not done: message/global (RFC 6532), caching results across views.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/imap/date_time.hpp"
#include "protocols/imap/fetch_attribute.hpp"
#include "protocols/imap/search_evaluator.hpp"
#include "protocols/mime/mime_tree.hpp"

namespace maillab::protocols::imap {

class MessageView {
public:
    // Parses the message once; `bytes` must outlive the view.
    explicit MessageView(std::string_view bytes);

    std::string envelope() const;
    // BODYSTRUCTURE (extensible) or BODY (not), parentheses included.
    std::string body_structure(bool extensible) const;
    // BODY[section]<partial>; RFC822 is the empty section, RFC822.HEADER
    // HEADER, RFC822.TEXT TEXT. A part that does not exist gives "".
    std::string section(const Section& section, const std::optional<Partial>& partial) const;
    // BINARY[part]<partial>: nothing when the part does not exist or its
    // transfer encoding is unknown (NO [UNKNOWN-CTE]).
    std::optional<std::string> binary(const Section& section,
                                      const std::optional<Partial>& partial) const;
    std::optional<std::uint64_t> binary_size(const Section& section) const;

    // SEARCH facts: decoded values of every top-level field with this name.
    std::vector<std::string> header_values(std::string_view field) const;
    // The text/* leaves, transfer encoding undone, converted to UTF-8, joined by CRLF.
    std::string body_text() const;
    // The decoded header fields, an empty line and body_text().
    std::string full_text() const;
    // The date of the Date: header in the writer's own time zone.
    std::optional<Date> sent_date() const;

    // The parsed structure, for callers that need more than the items above.
    const mime::MimeTree& tree() const { return tree_; }
    std::string_view bytes() const { return bytes_; }

private:
    std::string_view bytes_;
    mime::MimeTree tree_;
};

// MessageFacts for search_matches(), with the text functions reading `view`
// (which must outlive the facts). Flags, size and dates are the store's.
MessageFacts message_facts(const MessageView& view, std::uint32_t seq, std::uint32_t uid);

}  // namespace maillab::protocols::imap
