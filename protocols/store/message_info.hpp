// What the store knows about one message without reading its bytes: enough
// for IMAP FETCH UID/FLAGS/INTERNALDATE/RFC822.SIZE/MODSEQ and POP3 LIST.
#pragma once

#include <cstdint>

#include "protocols/store/message_flags.hpp"

namespace maillab::protocols::store {

using Uid = std::uint32_t;     // RFC 3501 §2.3.1.1: non-zero, strictly ascending
using ModSeq = std::uint64_t;  // RFC 7162 §3: positive, grows with every change

struct MessageInfo {
    Uid uid = 0;
    ModSeq modseq = 0;
    Flags flags;
    std::int64_t internal_date = 0;  // unix seconds (IMAP INTERNALDATE)
    std::int64_t saved_at = 0;       // unix seconds it entered this mailbox (RFC 8514 SAVEDATE)
    std::uint64_t size = 0;          // octets as stored (RFC822.SIZE)

    bool operator==(const MessageInfo&) const = default;
};

// When a message is dated and when it is saved into a mailbox. A delivery is both
// at once (the implicit form); IMAP APPEND with a date-time is not.
struct MessageDates {
    MessageDates(std::int64_t delivered_at)  // NOLINT(google-explicit-constructor)
        : internal_date(delivered_at), saved_at(delivered_at) {}
    MessageDates(std::int64_t internal, std::int64_t saved)
        : internal_date(internal), saved_at(saved) {}

    std::int64_t internal_date;
    std::int64_t saved_at;
};

}  // namespace maillab::protocols::store
