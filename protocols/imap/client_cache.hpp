// The IMAP client's offline cache: what a device (laptop, phone) shows while
// disconnected, and the actions taken offline that wait to be replayed on
// the server (RFC 4549, "Synchronization Operations for Disconnected IMAP4
// Clients"). The cache is plain data the device owns; ClientSession keeps it
// in step with the server, apply_offline changes it without a server.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/core/explanation.hpp"

namespace maillab::protocols::imap {

// Messages one cached mailbox holds; beyond it new messages are not cached.
inline constexpr std::size_t kMaxCachedMessages = 100000;

struct CachedMessage {
    std::uint32_t uid = 0;
    std::vector<std::string> flags;
    std::uint64_t modseq = 0;
    std::string subject;  // decoded Subject (RFC 2047)
    std::string bytes;    // the full message, from BODY.PEEK[]

    bool operator==(const CachedMessage&) const = default;
};

struct MailboxCache {
    std::uint32_t uidvalidity = 0;
    std::uint32_t uidnext = 0;
    std::uint64_t highest_modseq = 0;
    std::map<std::uint32_t, CachedMessage> messages;

    bool operator==(const MailboxCache&) const = default;
};

enum class TaskKind {
    Sync,
    Read,
    SetFlags,
    ClearFlags,
    Delete,
    Expunge,
    Move,
    Search,
    Create,
    Idle,    // wait in the mailbox for the server to push changes (RFC 2177)
    Append,  // store `message` in `mailbox` with `flags` (RFC 3501 §6.3.11): a sent copy
    Thread,  // UID THREAD REFERENCES (RFC 5256 §3): the conversations of the mailbox
    Sort,    // UID SORT (`criteria`, the sort program) UTF-8 ALL (RFC 5256 §3)
    Fetch,   // UID FETCH of the `criteria` items ("ENVELOPE", "BODY[2]") of `subject`
};

struct ClientTask {
    TaskKind kind = TaskKind::Sync;
    std::string mailbox = "INBOX";
    std::string
        subject;  // selects the message(s) by exact decoded subject (Read/Flags/Delete/Move)
    std::vector<std::string> flags;
    std::string target;    // Move, Create
    std::string criteria;  // Search: search keys; Sort: the sort program ("REVERSE DATE");
                           // Fetch: the FETCH items
    std::string message;   // Append: the whole message
    // Filled by apply_offline: the UIDs the action applied to, so the replay
    // acts on exactly those messages even after they left the cache.
    std::vector<std::uint32_t> uids;

    bool operator==(const ClientTask&) const = default;
};

struct ClientCache {
    std::map<std::string, MailboxCache> mailboxes;
    std::vector<std::string> folders;
    std::vector<ClientTask> pending;  // done offline, replayed at the next connection
};

struct CacheChange {
    enum class Kind { Added, Removed, FlagsChanged };
    Kind kind = Kind::Added;
    std::string mailbox;
    std::uint32_t uid = 0;
    std::string subject;
    std::vector<std::string> flags;
    std::string bytes;

    bool operator==(const CacheChange&) const = default;
};

std::string_view task_name(TaskKind kind);
// What the Note event says: "laptop cache: +uid 3 \"Lunch on Friday?\"".
std::string describe_change(std::string_view device, const CacheChange& change);

// Case-insensitive flag helpers (system flags are case-insensitive, RFC 3501 §2.3.2).
bool has_flag(const std::vector<std::string>& flags, std::string_view flag);
bool same_flags(const std::vector<std::string>& a, const std::vector<std::string>& b);
// Returns whether anything changed.
bool add_flags(std::vector<std::string>& flags, const std::vector<std::string>& more);
bool remove_flags(std::vector<std::string>& flags, const std::vector<std::string>& gone);
// The decoded Subject of a message (empty when it has none).
std::string decoded_subject(std::string_view message);
// UIDs of the cached messages whose subject is exactly `subject`, ascending.
std::vector<std::uint32_t> uids_with_subject(const MailboxCache& mailbox, std::string_view subject);
// UIDs of the cached messages flagged \Deleted, ascending.
std::vector<std::uint32_t> deleted_uids(const MailboxCache& mailbox);

struct OfflineResult {
    std::vector<CacheChange> changes;
    bool queued = false;
    std::string note;  // why nothing was queued, or what was queued
};

// Applies a task to the cache only (the device is offline): Read sets \Seen,
// SetFlags/ClearFlags change flags, Delete sets \Deleted, Expunge removes the
// \Deleted messages, Move takes the messages out of their mailbox (their new
// UIDs are unknown, so they appear in the target at the next sync), Create
// adds the folder. The task is queued in cache.pending with the UIDs it
// touched. Sync and Search need the server: nothing changes, nothing is
// queued, and the note says why; so does a task that matches no message.
OfflineResult apply_offline_task(ClientCache& cache, const ClientTask& task);
// The same, returning only the changes to show.
std::vector<CacheChange> apply_offline(ClientCache& cache, const ClientTask& task);

// Where RFC 4549 describes offline replay, for Notes.
core::Explanation explain_offline();

}  // namespace maillab::protocols::imap
