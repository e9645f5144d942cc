// MaildirStamp: has a Maildir's new/ or cur/ changed since it was last listed?
// A directory's modification time changes whenever a file is added to it,
// removed from it or renamed in it (a flag change), so equal stamps mean the
// listing would be the same and a 100,000-message mailbox need not be listed
// again for every command.
//
// The kernel sets those times from a coarse clock: a change made in the same
// tick as the listing (or as the store's own last change) can leave the stamp
// unchanged. A stamp is therefore trusted for good only once it is "settled",
// more than kSettleSeconds older than the listing that went with it (Dovecot
// treats recent Maildir times as dirty for the same reason). An unsettled
// stamp is trusted until its listing is kSettleSeconds old, then the mailbox
// is listed again: a change hidden in a clock tick shows up within a second,
// and a mailbox under constant delivery is listed once a second rather than
// once per message.
#pragma once

#include <ctime>
#include <filesystem>
#include <optional>

namespace maillab::protocols::store::maildir {

inline constexpr std::time_t kSettleSeconds = 1;

struct MaildirStamp {
    timespec new_mtime{};
    timespec cur_mtime{};
};

bool operator==(const MaildirStamp& a, const MaildirStamp& b);

// What a store knows of a mailbox on disk: the stamp its state matches (moved on
// by the store's own changes) and when it last listed new/ and cur/ in full.
struct KnownListing {
    MaildirStamp stamp;
    timespec listed_at{};
};

// The stamp of the Maildir at `directory`; nullopt when new/ or cur/ cannot be stat'ed.
std::optional<MaildirStamp> stamp_maildir(const std::filesystem::path& directory);

// True when both times lie more than kSettleSeconds before `when` (wall clock).
bool is_settled(const MaildirStamp& stamp, const timespec& when);

// True when the store's state still matches the directories without listing them:
// they carry `known.stamp`, and either that stamp was settled when they were listed
// or the listing is less than kSettleSeconds old at `now`.
bool listing_still_valid(const KnownListing& known, const MaildirStamp& current,
                         const timespec& now);

// The wall clock, as the kernel's file times count it.
timespec wall_clock_now();
using WallClock = timespec (*)();

}  // namespace maillab::protocols::store::maildir
