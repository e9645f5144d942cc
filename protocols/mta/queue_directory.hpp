// QueueDirectory: the queue on disk, one file per entry (format: queue_file.hpp).
//
// Every write is atomic: the bytes go to "<ID>.tmp", are fsync'ed, renamed over
// "<ID>" and the directory is fsync'ed, so after a crash a file is either the
// old version or the new one, never half of each. A delivered or bounced entry's
// file is kept as "<ID>.spare" for the next new entry to write over
// (a few dozen at most): on ext4, creating and freeing an inode per message was
// what dominated a busy queue's profile, as the allocator searches past every
// recently freed inode. load() restores every entry; spares and a leftover
// "*.tmp" (a crash in the middle of a write, whose previous version is still
// intact) are deleted,
// and a damaged file is moved to "corrupt/" with a note saying why, never
// crashing the loader and never silently dropping mail.
//
// Group commit (defer_syncs_to): a write leaves the entry in "<ID>.tmp",
// unsynced, until the group's next commit fsyncs it and, once every other
// writer's syncs succeeded, renames it into place and fsyncs the directory,
// for many entries at once; the owner answers 250 only after that commit.
// An entry finished before the commit (delivered to a local mailbox in the
// meantime, its mail made durable there by the same commit) is never synced
// at all. A finished entry that was already on disk is removed only after
// the commit, once the mail is safe where it went.
// Removals are not fsynced: after a power cut a removed entry may come back
// and its mail be delivered again (at-least-once, as in Postfix).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "protocols/durable/group_commit.hpp"
#include "protocols/durable/unique_fd.hpp"
#include "protocols/mta/envelope.hpp"

namespace maillab::protocols::mta {

constexpr std::string_view kTempSuffix = ".tmp";
constexpr std::string_view kSpareSuffix = ".spare";
// Emptied files kept for reuse; beyond this many, finished entries' files are deleted.
constexpr std::size_t kMaxSpareFiles = 64;
constexpr std::string_view kCorruptFolder = "corrupt";
// A queue file bigger than this is not read (it cannot be a valid entry).
constexpr std::uintmax_t kMaxQueueFileOctets = 80 * 1024 * 1024;

class QueueDirectory {
public:
    explicit QueueDirectory(std::filesystem::path dir);
    QueueDirectory(QueueDirectory&& other) noexcept;
    QueueDirectory& operator=(QueueDirectory&& other) noexcept;
    ~QueueDirectory();

    // Creates the directory (and corrupt/) if needed; "" or what went wrong.
    std::string open();
    std::string write(const QueueEntry& entry);
    std::string remove(QueueId id);
    // From now on, writes and removals wait for the group's commits (above).
    void defer_syncs_to(durable::GroupCommit& group);

    struct Loaded {
        std::vector<QueueEntry> entries;  // ordered by queue id
        std::vector<std::string> notes;   // one line per file cleaned up or moved aside
        QueueId highest_id = 0;           // of any queue file seen, kept or not
    };
    Loaded load();

    const std::filesystem::path& path() const { return dir_; }
    std::filesystem::path file_for(QueueId id) const { return dir_ / format_queue_id(id); }

private:
    // The entries and removals waiting for the group's next commit.
    class Deferred;

    std::string move_aside(const std::filesystem::path& file, const std::string& why);
    // Renames a spare file to `temp_name` to be written again; false if there is none.
    bool reuse_spare(const std::filesystem::path& temp_name);
    // A finished entry's `file` becomes its spare, or is deleted when there are enough.
    std::string retire(QueueId id, const std::filesystem::path& file);
    std::filesystem::path temp_for(QueueId id) const;

    std::filesystem::path dir_;
    std::vector<std::filesystem::path> spares_;
    // On the heap, so the group's pointer to it survives moving the directory.
    std::unique_ptr<Deferred> deferred_;
};

}  // namespace maillab::protocols::mta
