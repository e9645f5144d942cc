// Message IDs as THREAD REFERENCES reads them (RFC 5256 §3 step 1, RFC 5322
// §3.6.4): from Message-ID, References and In-Reply-To.
//
// - [x] msg-id = "<" id-left "@" id-right ">"; comments "(...)" between IDs
//       skipped; folding white space inside an ID removed (old mailers fold
//       long IDs); an ID without "@" or with an empty side is not valid
// - [x] compared case-sensitively, "<" and ">" included (RFC 5256 §3 note)
// - [x] a message's parents: the References IDs; without a valid one, the
//       first valid In-Reply-To ID (RFC 5256 §3 step 1)
// - [x] at most kMaxReferences IDs per message, the last ones (step 1B uses
//       the last as the parent), each at most kMaxMessageIdOctets
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/mime/header_block.hpp"

namespace maillab::protocols::imap {

// References kept per message, as Dovecot keeps; the earliest ones are dropped beyond it.
inline constexpr std::size_t kMaxReferences = 100;
// A longer ID is not valid (RFC 5322's line limit, 998 octets).
inline constexpr std::size_t kMaxMessageIdOctets = 998;

// Every valid msg-id in a field value, in order.
std::vector<std::string> parse_message_ids(std::string_view value);

struct ThreadHeaders {
    std::string message_id;               // empty: none or not valid
    std::vector<std::string> references;  // oldest first, the parent last
};

ThreadHeaders thread_headers(const mime::HeaderBlock& headers);

}  // namespace maillab::protocols::imap
