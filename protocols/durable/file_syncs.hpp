// FileSyncs: one writer's directory and data fsyncs, made at once or, after
// join(), collected for the next GroupCommit::commit().
//
// Only syncs whose order does not matter among themselves are deferred: a
// directory whose entries changed, and a file that was appended to. A new
// file that is about to be named in a directory is still fsynced by its
// writer before the rename or link, so no crash can leave a name pointing
// at bytes that never reached the disk.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "protocols/durable/group_commit.hpp"
#include "protocols/durable/unique_fd.hpp"

namespace maillab::protocols::durable {

class FileSyncs final : public GroupCommit::Participant {
public:
    FileSyncs() = default;
    FileSyncs(const FileSyncs&) = delete;
    FileSyncs& operator=(const FileSyncs&) = delete;
    ~FileSyncs() override;

    void join(GroupCommit& group);
    bool deferring() const { return group_ != nullptr; }

    // fsync(2) of a directory whose entries changed; "" or what went wrong.
    // Deferred, a directory that is gone by the commit (a mailbox deleted or
    // renamed meanwhile) needs no sync.
    std::string sync_directory(const std::filesystem::path& directory);
    // fdatasync(2) of the file open as `fd`, just appended to; the descriptor
    // is closed once synced. "" or what went wrong.
    std::string sync_appended(UniqueFd fd, const std::filesystem::path& path);

    // What failed to sync stays for the next commit, so a later commit that
    // succeeds has made it durable too.
    std::string sync_files() override;
    std::string sync_directories() override;
    std::string after_commit(bool) override { return ""; }

private:
    GroupCommit* group_ = nullptr;
    // One descriptor per file is enough: fdatasync flushes the file, whatever
    // descriptor names it.
    std::map<std::filesystem::path, UniqueFd> appended_;
    std::set<std::filesystem::path> directories_;
};

// fsyncs a directory at once; "" or what went wrong.
std::string sync_directory_now(const std::filesystem::path& directory);

}  // namespace maillab::protocols::durable
