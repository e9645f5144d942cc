#include "protocols/durable/file_syncs.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace maillab::protocols::durable {

namespace {

std::string failure(const char* what, const std::filesystem::path& path) {
    return std::string(what) + " " + path.string() + ": " + std::strerror(errno);
}

std::string sync_data_now(const UniqueFd& fd, const std::filesystem::path& path) {
    return ::fdatasync(fd.get()) == 0 ? "" : failure("cannot fsync", path);
}

}  // namespace

std::string sync_directory_now(const std::filesystem::path& directory) {
    UniqueFd fd{::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (!fd.valid()) return failure("cannot open directory", directory);
    return ::fsync(fd.get()) == 0 ? "" : failure("cannot fsync directory", directory);
}

FileSyncs::~FileSyncs() {
    // Whatever is still deferred is left to the kernel's own writeback.
    if (group_) group_->leave(*this);
}

void FileSyncs::join(GroupCommit& group) {
    group_ = &group;
    group.join(*this);
}

std::string FileSyncs::directory(const std::filesystem::path& directory) {
    if (!group_) return sync_directory_now(directory);
    directories_.insert(directory);
    group_->note_pending();
    return "";
}

std::string FileSyncs::appended(UniqueFd fd, const std::filesystem::path& path) {
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
    for (auto& [path, fd] : appended_) {
        auto error = sync_data_now(fd, path);
        if (first_error.empty()) first_error = std::move(error);
    }
    appended_.clear();
    return first_error;
}

std::string FileSyncs::sync_directories() {
    std::string first_error;
    for (const auto& directory : directories_) {
        auto error = sync_directory_now(directory);
        if (first_error.empty()) first_error = std::move(error);
    }
    directories_.clear();
    return first_error;
}

}  // namespace maillab::protocols::durable
