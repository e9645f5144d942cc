#include "protocols/durable/file_syncs.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace maillab::protocols::durable {

namespace {

std::string describe(const char* step, const std::filesystem::path& path, int error) {
    return std::string(step) + " " + path.string() + ": " + std::strerror(error);
}

std::string failure(const char* what, const std::filesystem::path& path) {
    return describe(what, path, errno);
}

std::string sync_data_now(const UniqueFd& fd, const std::filesystem::path& path) {
    return ::fdatasync(fd.get()) == 0 ? "" : failure("cannot fsync", path);
}

// 0, or the errno of the open or the fsync that failed.
int fsync_directory(const std::filesystem::path& directory, const char*& step) {
    step = "cannot open directory";
    UniqueFd fd{::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (!fd.valid()) return errno;
    step = "cannot fsync directory";
    return ::fsync(fd.get()) == 0 ? 0 : errno;
}

}  // namespace

std::string sync_directory_now(const std::filesystem::path& directory) {
    const char* step = "";
    const int error = fsync_directory(directory, step);
    return error == 0 ? "" : describe(step, directory, error);
}

FileSyncs::~FileSyncs() {
    // Whatever is still deferred is left to the kernel's own writeback.
    if (group_) group_->leave(*this);
}

void FileSyncs::join(GroupCommit& group) {
    group_ = &group;
    group.join(*this);
}

std::string FileSyncs::sync_directory(const std::filesystem::path& directory) {
    if (!group_) return sync_directory_now(directory);
    directories_.insert(directory);
    group_->note_pending();
    return "";
}

std::string FileSyncs::sync_appended(UniqueFd fd, const std::filesystem::path& path) {
    if (!group_) {
        std::string error = sync_data_now(fd, path);
        if (fd.close() != 0 && error.empty()) error = failure("cannot close", path);
        return error;
    }
    appended_[path] = std::move(fd);
    group_->note_pending();
    return "";
}

std::string FileSyncs::sync_files() {
    std::string first_error;
    for (auto it = appended_.begin(); it != appended_.end();) {
        auto error = sync_data_now(it->second, it->first);
        if (error.empty()) {
            it = appended_.erase(it);
            continue;
        }
        if (first_error.empty()) first_error = std::move(error);
        ++it;
    }
    return first_error;
}

std::string FileSyncs::sync_directories() {
    std::string first_error;
    for (auto it = directories_.begin(); it != directories_.end();) {
        const char* step = "";
        const int error = fsync_directory(*it, step);
        if (error == 0 || error == ENOENT) {
            it = directories_.erase(it);
            continue;
        }
        if (first_error.empty()) first_error = describe(step, *it, error);
        ++it;
    }
    return first_error;
}

}  // namespace maillab::protocols::durable
