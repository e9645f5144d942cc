#include "protocols/mta/queue_directory.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "protocols/mta/queue_file.hpp"

namespace maillab::protocols::mta {

namespace fs = std::filesystem;

namespace {

std::string errno_text(const std::string& what, const fs::path& file) {
    return what + " " + file.string() + ": " + std::strerror(errno);
}

std::string fsync_path(const fs::path& file, int flags) {
    const int fd = ::open(file.c_str(), flags);
    if (fd < 0) return errno_text("cannot open", file);
    const int rc = ::fsync(fd);
    const std::string error = rc != 0 ? errno_text("cannot fsync", file) : "";
    ::close(fd);
    return error;
}

// Writes over what the file held and cuts it to length: a reused spare of about the
// same size keeps its blocks instead of freeing and allocating them again.
std::string write_all(const fs::path& file, const std::string& bytes) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return errno_text("cannot create", file);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const std::string error = errno_text("cannot write", file);
            ::close(fd);
            return error;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::ftruncate(fd, static_cast<off_t>(bytes.size())) != 0) {
        const std::string error = errno_text("cannot truncate", file);
        ::close(fd);
        return error;
    }
    if (::fsync(fd) != 0) {
        const std::string error = errno_text("cannot fsync", file);
        ::close(fd);
        return error;
    }
    if (::close(fd) != 0) return errno_text("cannot close", file);
    return "";
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

std::string QueueDirectory::write(const QueueEntry& entry) {
    const fs::path final_name = file_for(entry.envelope.id);
    fs::path temp_name = final_name;
    temp_name += kTempSuffix;
    reuse_spare(temp_name);  // write_all writes over it, or creates the file if there was none
    if (auto error = write_all(temp_name, serialize_queue_entry(entry)); !error.empty()) {
        std::error_code ignored;
        fs::remove(temp_name, ignored);
        return error;
    }
    if (::rename(temp_name.c_str(), final_name.c_str()) != 0) {
        const std::string error = errno_text("cannot rename into place", final_name);
        std::error_code ignored;
        fs::remove(temp_name, ignored);
        return error;
    }
    return fsync_path(dir_, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

bool QueueDirectory::reuse_spare(const fs::path& temp_name) {
    while (!spares_.empty()) {
        const fs::path spare = std::move(spares_.back());
        spares_.pop_back();
        if (::rename(spare.c_str(), temp_name.c_str()) == 0) return true;
    }
    return false;
}

std::string QueueDirectory::remove(QueueId id) {
    const fs::path file = file_for(id);
    fs::path spare = file;
    spare += kSpareSuffix;
    if (spares_.size() < kMaxSpareFiles && ::rename(file.c_str(), spare.c_str()) == 0) {
        spares_.push_back(std::move(spare));
    } else if (::unlink(file.c_str()) != 0 && errno != ENOENT) {
        return errno_text("cannot remove", file);
    }
    return fsync_path(dir_, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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
