// The values SORT and THREAD compare, taken from a message's header
// (RFC 5256 §2.2, §3; RFC 5957 §3). Strings come back as collation keys
// (collation.hpp): compare them octet by octet.
//
// - [x] sent date (RFC 5256 §2.2): the Date field in UTC seconds; INTERNALDATE
//       when the field is missing or cannot be parsed
// - [x] FROM, TO, CC (RFC 5256 §3): the addr-mailbox of the first address, as
//       ENVELOPE writes it: a mailbox's local part, a group's name (the group
//       start is the first address); "" when the field is missing or empty
// - [x] DISPLAYFROM, DISPLAYTO (RFC 5957 §3): the first address's display name,
//       encoded words decoded; its addr-spec when it has none; a group's name
// - [x] SUBJECT (RFC 5256 §3): the base subject (base_subject.hpp)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "protocols/mime/header_block.hpp"

namespace maillab::protocols::imap {

// RFC 5256 §2.2: seconds since 1970 (UTC).
std::int64_t sent_time(const mime::HeaderBlock& headers, std::int64_t internal_date);

// The collation key of the first address of `field` for SORT FROM/TO/CC.
std::string address_sort_key(const mime::HeaderBlock& headers, std::string_view field);
// The collation key for SORT DISPLAYFROM/DISPLAYTO.
std::string display_sort_key(const mime::HeaderBlock& headers, std::string_view field);
// The collation key of the base subject.
std::string subject_sort_key(const mime::HeaderBlock& headers);

}  // namespace maillab::protocols::imap
