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
    std::uint64_t size = 0;          // octets as stored (RFC822.SIZE)

    bool operator==(const MessageInfo&) const = default;
};

}  // namespace maillab::protocols::store
