// MaildirStamp: has a Maildir's new/ or cur/ changed since it was last scanned?
// A directory's modification time changes whenever a file is added to it,
// removed from it or renamed in it (a flag change), so equal stamps mean the
// listing would be the same and a 100,000-message mailbox need not be listed
// again for every command.
//
// The kernel sets those times from a coarse clock: a change made in the same
// tick as the scan that took the stamp can leave it unchanged. A stamp is
// therefore only trusted once it is "settled", more than kSettleSeconds older
// than the wall clock when it was taken (Dovecot treats recent Maildir times
// as dirty for the same reason).
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

// The stamp of the Maildir at `directory`; nullopt when new/ or cur/ cannot be stat'ed.
std::optional<MaildirStamp> stamp_maildir(const std::filesystem::path& directory);

// True when both times lie more than kSettleSeconds before `now` (wall clock).
bool is_settled(const MaildirStamp& stamp, const timespec& now);

// The wall clock, as the kernel's file times count it.
timespec wall_clock_now();

}  // namespace maillab::protocols::store::maildir
