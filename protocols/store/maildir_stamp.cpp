#include "protocols/store/maildir_stamp.hpp"

#include <sys/stat.h>

#include "protocols/store/maildir_layout.hpp"

namespace maillab::protocols::store::maildir {
namespace {

bool same_time(const timespec& a, const timespec& b) {
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

bool settled_time(const timespec& t, const timespec& when) {
    return when.tv_sec - t.tv_sec > kSettleSeconds;
}

// `later` - `earlier` is under kSettleSeconds (and not negative: a clock set back
// does not make an old listing young).
bool within_settle_time(const timespec& earlier, const timespec& later) {
    const long long nanos =
        (static_cast<long long>(later.tv_sec) - earlier.tv_sec) * 1'000'000'000LL +
        (later.tv_nsec - earlier.tv_nsec);
    return nanos >= 0 && nanos < kSettleSeconds * 1'000'000'000LL;
}

}  // namespace

bool operator==(const MaildirStamp& a, const MaildirStamp& b) {
    return same_time(a.new_mtime, b.new_mtime) && same_time(a.cur_mtime, b.cur_mtime);
}

std::optional<MaildirStamp> stamp_maildir(const std::filesystem::path& directory) {
    struct stat new_info {};
    struct stat cur_info {};
    if (::stat((directory / kNewDir).c_str(), &new_info) != 0) return std::nullopt;
    if (::stat((directory / kCurDir).c_str(), &cur_info) != 0) return std::nullopt;
    return MaildirStamp{.new_mtime = new_info.st_mtim, .cur_mtime = cur_info.st_mtim};
}

bool is_settled(const MaildirStamp& stamp, const timespec& when) {
    return settled_time(stamp.new_mtime, when) && settled_time(stamp.cur_mtime, when);
}

bool listing_still_valid(const KnownListing& known, const MaildirStamp& current,
                         const timespec& now) {
    if (!(known.stamp == current)) return false;
    return is_settled(known.stamp, known.listed_at) || within_settle_time(known.listed_at, now);
}

timespec wall_clock_now() {
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return now;
}

}  // namespace maillab::protocols::store::maildir
