// Evaluates a parsed SEARCH criteria tree (search_key.hpp) against the facts
// of one message (RFC 3501 §6.4.4). The server gathers the facts from its
// store; this file only decides "does this message match".
//
// - [x] flags, keywords, NEW/OLD/RECENT, sizes, internal and sent dates (date part only,
//       ignoring time and zone as §6.4.4 says), UID and sequence sets with "*", "$"
//       (SEARCHRES, RFC 5182, as saved UIDs), MODSEQ (RFC 7162 §3.1.5), NOT/OR/groups
// - [x] OLDER n: INTERNALDATE before now - n; YOUNGER n: at or after it, so the
//       two split every mailbox (RFC 5032 §3; "now" is the caller's)
// - [x] header and text keys as case-insensitive substring matches (ASCII case folding)
// - [ ] not yet: Unicode case folding for CHARSET UTF-8 (i;unicode-casemap, RFC 5051)
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/imap/date_time.hpp"
#include "protocols/imap/search_key.hpp"
#include "protocols/imap/sequence_set.hpp"

namespace maillab::protocols::imap {

struct MessageFacts {
    std::uint32_t seq = 0;
    std::uint32_t uid = 0;
    std::vector<std::string> flags;  // system flags and keywords as stored
    bool recent = false;
    std::uint64_t size = 0;          // RFC822.SIZE
    Date internal_date;              // date part of INTERNALDATE in its own zone
    std::int64_t internal_time = 0;  // INTERNALDATE, seconds since 1970 (WITHIN)
    Date saved_date;                 // date part of SAVEDATE (RFC 8514)
    std::optional<Date> sent_date;   // date part of the Date: header, if parseable
    std::uint64_t modseq = 0;
    // Decoded values of every header field with this name (any case).
    std::function<std::vector<std::string>(std::string_view field)> header;
    std::function<std::string()> body_text;  // decoded body text
    std::function<std::string()> full_text;  // headers and body
};

struct SearchContext {
    std::uint32_t largest_seq = 0;                           // "*" for sequence sets
    std::uint32_t largest_uid = 0;                           // "*" for UID sets
    const std::vector<std::uint32_t>* saved_uids = nullptr;  // "$"
    std::int64_t now = 0;  // seconds since 1970, the owner's clock (WITHIN)
};

bool search_matches(const SearchKey& key, const MessageFacts& message,
                    const SearchContext& context);

}  // namespace maillab::protocols::imap
