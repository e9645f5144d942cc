// The per-mailbox "maillab-uidlist" file: what a Maildir cannot hold by
// itself. UIDs must survive restarts (RFC 3501 §2.3.1.1), and so must
// UIDVALIDITY, UIDNEXT, modseqs (RFC 7162), save dates (RFC 8514) and the
// special-use attribute.
//
//   maillab-uidlist 2
//   <uidvalidity> <uidnext> <highestmodseq> <special-use: - Sent Drafts ...>
//   <uid> <modseq> <size> <internal-date> <save-date> <new|cur>/<file name>
//
// One line per message, ascending UID, written whole and replaced atomically
// (maildir_io.hpp). Changes after that are appended, so a delivery or a flag
// change into a 100,000-message mailbox writes one line, not the whole list:
//
//   + <uidnext> <highestmodseq> <uid> <modseq> <size> <internal-date> <save-date> <location>
//   - <uidnext> <highestmodseq> <uid>
//
// "+" adds a record or replaces the one with that UID, "-" removes one; each
// carries the mailbox's UIDNEXT and HIGHESTMODSEQ after the change. An
// appended line without its newline is what a crash mid-write leaves: it is
// ignored. The store writes the list whole again once the appended lines
// outnumber the records (maildir_store.cpp).
// Version 1 files (no save-date column) are still read, the internal date
// standing in for the save date; the store writes them whole as version 2
// before it appends to them.
// Records name the file as last seen, flags included: a rescan that finds
// other flags in the name knows another program changed them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/store/mail_store.hpp"

namespace maillab::protocols::store::maildir {

inline constexpr std::string_view kUidListFileName = "maillab-uidlist";
inline constexpr std::string_view kUidListHeader = "maillab-uidlist 2";
inline constexpr std::string_view kUidListHeaderVersion1 = "maillab-uidlist 1";
// A corrupt or hostile file cannot make the store allocate without bound.
inline constexpr std::size_t kMaxUidListRecords = 1'000'000;

struct UidListRecord {
    Uid uid = 0;
    ModSeq modseq = 0;
    std::uint64_t size = 0;
    std::int64_t internal_date = 0;
    std::int64_t saved_at = 0;
    std::string location;  // "cur/<file>" or "new/<file>"

    bool operator==(const UidListRecord&) const = default;
};

struct UidList {
    Uid uidvalidity = 0;
    Uid uidnext = 1;
    ModSeq highest_modseq = 1;
    SpecialUse special_use = SpecialUse::None;
    std::vector<UidListRecord> records;

    bool operator==(const UidList&) const = default;
};

std::string format_uidlist(const UidList& list);
// One appended line each (with its newline), `list` giving UIDNEXT and HIGHESTMODSEQ.
std::string format_uidlist_upsert(const UidList& list, const UidListRecord& record);
std::string format_uidlist_removal(const UidList& list, Uid uid);
// nullopt when the text is not a uidlist this version or version 1 wrote (the caller then
// starts afresh with a new UIDVALIDITY, as RFC 3501 allows).
std::optional<UidList> parse_uidlist(std::string_view text);

}  // namespace maillab::protocols::store::maildir
