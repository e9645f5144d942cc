#include "protocols/mta/queue_directory.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "protocols/durable/file_syncs.hpp"
#include "protocols/durable/write_back.hpp"
#include "protocols/mta/queue_file.hpp"

namespace maillab::protocols::mta {

namespace fs = std::filesystem;

namespace {

std::string errno_text(const std::string& what, const fs::path& file) {
    return what + " " + file.string() + ": " + std::strerror(errno);
}

// Writes over what the file held and cuts it to length: a reused spare of about the
// same size keeps its blocks instead of freeing and allocating them again. The
// file is left open, not yet synced.
std::string write_over(const fs::path& file, const std::string& bytes, durable::UniqueFd& fd) {
    fd = durable::UniqueFd{::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600)};
    if (!fd.valid()) return errno_text("cannot create", file);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return errno_text("cannot write", file);
        done += static_cast<std::size_t>(n);
    }
    if (::ftruncate(fd.get(), static_cast<off_t>(bytes.size())) != 0)
        return errno_text("cannot truncate", file);
    return "";
}

std::string sync_and_close(durable::UniqueFd& fd, const fs::path& file) {
    if (::fsync(fd.get()) != 0) return errno_text("cannot fsync", file);
    if (fd.close() != 0) return errno_text("cannot close", file);
    return "";
}

std::string rename_into_place(const fs::path& temp_name, const fs::path& final_name) {
    if (::rename(temp_name.c_str(), final_name.c_str()) == 0) return "";
    const std::string error = errno_text("cannot rename into place", final_name);
    std::error_code ignored;
    fs::remove(temp_name, ignored);
    return error;
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string QueueDirectory::open() {
    std::error_code ec;
    fs::create_directories(dir_ / kCorruptFolder, ec);
    if (ec) return "cannot create queue directory " + dir_.string() + ": " + ec.message();
    return "";
}

class QueueDirectory::Deferred final : public durable::GroupCommit::Participant {
public:
    Deferred(QueueDirectory& owner, durable::GroupCommit& group) : owner_(&owner), group_(group) {
        group_.join(*this);
    }
    ~Deferred() override { group_.leave(*this); }

    void wrote(QueueId id, durable::UniqueFd fd) {
        unsynced_[id] = std::move(fd);
        group_.note_pending();
    }
    bool waiting(QueueId id) const { return unsynced_.contains(id); }
    // True if the entry never reached its final name: its file is simply dropped.
    bool forget(QueueId id) { return unsynced_.erase(id) > 0; }
    void remove_after_commit(QueueId id) {
        removals_.push_back(id);
        group_.note_pending();
    }

    // A write that failed makes the next commit fail: the answer that
    // rests on it must not be given.
    void failed(QueueId id, std::string error) {
        unsynced_.erase(id);
        if (error_.empty()) error_ = std::move(error);
        group_.note_pending();
    }

    std::string sync_files() override {
        // Start every write-back first, so the disk sees the batch together.
        for (auto& [id, fd] : unsynced_)
            durable::start_write_back(fd.get());
        std::string first_error = std::exchange(error_, {});
        for (auto& [id, fd] : unsynced_) {
            if (!fd.valid()) continue;  // synced by a commit that failed elsewhere
            auto error = sync_and_close(fd, owner_->temp_for(id));
            if (first_error.empty()) first_error = std::move(error);
        }
        return first_error;
    }
    std::string sync_directories() override { return ""; }
    // Entries take their final names only once everything else is on disk:
    // a rewritten entry may say its mail was delivered, which must not reach
    // the disk before the mail itself. Then the finished ones go.
    std::string after_commit(bool durable) override {
        if (!durable) return "";  // kept for a commit that succeeds
        const bool renaming = !unsynced_.empty();
        std::string first_error;
        for (auto it = unsynced_.begin(); it != unsynced_.end(); it = unsynced_.erase(it)) {
            auto error =
                rename_into_place(owner_->temp_for(it->first), owner_->file_for(it->first));
            if (first_error.empty()) first_error = std::move(error);
        }
        if (first_error.empty() && renaming)
            first_error = durable::sync_directory_now(owner_->dir_);
        if (!first_error.empty()) return first_error;
        for (const QueueId id : std::exchange(removals_, {}))
            owner_->retire(id, owner_->file_for(id));
        return "";
    }

    void moved_to(QueueDirectory& owner) { owner_ = &owner; }

private:
    QueueDirectory* owner_;
    durable::GroupCommit& group_;
    std::map<QueueId, durable::UniqueFd> unsynced_;
    std::vector<QueueId> removals_;
    std::string error_;  // of a write since the last commit
};

QueueDirectory::QueueDirectory(fs::path dir) : dir_{std::move(dir)} {}

QueueDirectory::QueueDirectory(QueueDirectory&& other) noexcept
    : dir_{std::move(other.dir_)},
      spares_{std::move(other.spares_)},
      deferred_{std::move(other.deferred_)} {
    if (deferred_) deferred_->moved_to(*this);
}

QueueDirectory& QueueDirectory::operator=(QueueDirectory&& other) noexcept {
    dir_ = std::move(other.dir_);
    spares_ = std::move(other.spares_);
    deferred_ = std::move(other.deferred_);
    if (deferred_) deferred_->moved_to(*this);
    return *this;
}

QueueDirectory::~QueueDirectory() = default;

void QueueDirectory::defer_syncs_to(durable::GroupCommit& group) {
    deferred_ = std::make_unique<Deferred>(*this, group);
}

fs::path QueueDirectory::temp_for(QueueId id) const {
    fs::path temp_name = file_for(id);
    temp_name += kTempSuffix;
    return temp_name;
}

std::string QueueDirectory::write(const QueueEntry& entry) {
    const QueueId id = entry.envelope.id;
    const fs::path temp_name = temp_for(id);
    // write_over writes over a spare or the entry's unsynced version, or creates the file.
    if (!deferred_ || !deferred_->waiting(id)) reuse_spare(temp_name);
    durable::UniqueFd fd;
    if (auto error = write_over(temp_name, serialize_queue_entry(entry), fd); !error.empty()) {
        fd.reset();
        std::error_code ignored;
        fs::remove(temp_name, ignored);
        if (deferred_) deferred_->failed(id, error);
        return error;
    }
    if (deferred_) {
        deferred_->wrote(id, std::move(fd));
        return "";
    }
    if (auto error = sync_and_close(fd, temp_name); !error.empty()) return error;
    if (auto error = rename_into_place(temp_name, file_for(id)); !error.empty()) return error;
    return durable::sync_directory_now(dir_);
}

bool QueueDirectory::reuse_spare(const fs::path& temp_name) {
    while (!spares_.empty()) {
        const fs::path spare = std::move(spares_.back());
        spares_.pop_back();
        if (::rename(spare.c_str(), temp_name.c_str()) == 0) return true;
    }
    return false;
}

std::string QueueDirectory::retire(QueueId id, const fs::path& file) {
    fs::path spare = file_for(id);
    spare += kSpareSuffix;
    if (spares_.size() < kMaxSpareFiles && ::rename(file.c_str(), spare.c_str()) == 0) {
        spares_.push_back(std::move(spare));
    } else if (::unlink(file.c_str()) != 0 && errno != ENOENT) {
        return errno_text("cannot remove", file);
    }
    return "";
}

std::string QueueDirectory::remove(QueueId id) {
    if (deferred_) {
        if (deferred_->forget(id)) {
            // Its latest version never reached the disk: dropped now. An older
            // version from an earlier commit may still hold the final name.
            if (auto error = retire(id, temp_for(id)); !error.empty()) return error;
            if (::access(file_for(id).c_str(), F_OK) != 0) return "";
        }
        deferred_->remove_after_commit(id);
        return "";
    }
    if (auto error = retire(id, file_for(id)); !error.empty()) return error;
    return durable::sync_directory_now(dir_);
}

std::string QueueDirectory::move_aside(const fs::path& file, const std::string& why) {
    const std::string name = file.filename().string();
    fs::path target = dir_ / kCorruptFolder / name;
    for (int n = 1; fs::exists(target); ++n) {
        target = dir_ / kCorruptFolder / (name + "." + std::to_string(n));
    }
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    fs::rename(file, target, ec);
    if (ec)
        return "queue file " + name + " is damaged (" + why +
               ") and could not be moved: " + ec.message();
    return "queue file " + name + " is damaged (" + why + "); moved to " +
           std::string{kCorruptFolder} + "/" + target.filename().string();
}

QueueDirectory::Loaded QueueDirectory::load() {
    Loaded loaded;
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it{dir_, ec}, end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec)) files.push_back(it->path());
    }
    if (ec) {
        loaded.notes.push_back("cannot read queue directory " + dir_.string() + ": " +
                               ec.message());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        const std::string name = file.filename().string();
        std::string stem = name;
        for (const auto suffix : {kTempSuffix, kSpareSuffix}) {
            if (ends_with(name, suffix)) stem = name.substr(0, name.size() - suffix.size());
        }
        if (const auto seen = parse_queue_id(stem)) {
            loaded.highest_id = std::max(loaded.highest_id, *seen);
        }
        if (ends_with(name, kSpareSuffix)) {
            fs::remove(file, ec);  // a finished entry kept for reuse: nothing to say
            continue;
        }
        if (ends_with(name, kTempSuffix)) {
            fs::remove(file, ec);
            loaded.notes.push_back("removed " + name +
                                   ": an unfinished write from before a crash (the entry's "
                                   "previous version, if any, is intact)");
            continue;
        }
        const auto id = parse_queue_id(name);
        if (!id) {
            loaded.notes.push_back("ignored " + name + ": not a queue file name");
            continue;
        }
        const auto size = fs::file_size(file, ec);
        if (ec || size > kMaxQueueFileOctets) {
            loaded.notes.push_back(move_aside(file, ec ? ec.message() : "file too large"));
            continue;
        }
        std::ifstream in{file, std::ios::binary};
        std::string bytes{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
        if (!in.good() && !in.eof()) {
            loaded.notes.push_back(move_aside(file, "read error"));
            continue;
        }
        auto parsed = parse_queue_entry(bytes);
        if (!parsed.entry) {
            loaded.notes.push_back(move_aside(file, parsed.error));
            continue;
        }
        if (parsed.entry->envelope.id != *id) {
            loaded.notes.push_back(move_aside(file, "its id does not match its file name"));
            continue;
        }
        loaded.entries.push_back(std::move(*parsed.entry));
    }
    return loaded;
}

}  // namespace maillab::protocols::mta
