#include "protocols/store/maildir_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "protocols/durable/unique_fd.hpp"

namespace maillab::protocols::store::maildir {
namespace {

using durable::UniqueFd;

// A deferred or immediate sync's outcome as a Status.
Status synced(std::string error) {
    if (error.empty()) return ok_status();
    return store_error(StoreErrorCode::IoError, std::move(error));
}

Status write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written < 0) return io_error("cannot write", path, errno);
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return ok_status();
}

FileIdentity identity_of(const struct stat& info) {
    return FileIdentity{.device = static_cast<std::uint64_t>(info.st_dev),
                        .inode = static_cast<std::uint64_t>(info.st_ino),
                        .size = static_cast<std::uint64_t>(info.st_size)};
}

}  // namespace

StoreError io_error(std::string_view what, const std::filesystem::path& path, int error_number) {
    return store_error(StoreErrorCode::IoError, std::string(what) + " " + path.string() + ": " +
                                                    std::strerror(error_number));
}

Status create_synced_file(const std::filesystem::path& path, std::string_view bytes,
                          std::optional<std::int64_t> mtime_seconds) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (fd.get() < 0) {
        if (errno == EEXIST) return store_error(StoreErrorCode::AlreadyExists, path.string());
        return io_error("cannot create", path, errno);
    }
    if (auto written = write_all(fd.get(), bytes, path); !written) return written;
    if (mtime_seconds) {
        const struct timespec times[2] = {
            {.tv_sec = 0, .tv_nsec = UTIME_OMIT},
            {.tv_sec = static_cast<time_t>(*mtime_seconds), .tv_nsec = 0}};
        if (::futimens(fd.get(), times) != 0)
            return io_error("cannot set the time of", path, errno);
    }
    if (::fsync(fd.get()) != 0) return io_error("cannot fsync", path, errno);
    if (fd.close() != 0) return io_error("cannot close", path, errno);
    return ok_status();
}

Status sync_directory(const std::filesystem::path& directory, durable::FileSyncs& syncs) {
    return synced(syncs.sync_directory(directory));
}

Result<FileIdentity> identify_file(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return io_error("cannot stat", path, errno);
    return identity_of(info);
}

Result<std::optional<FileIdentity>> append_synced(const std::filesystem::path& path,
                                                  const FileIdentity& expected,
                                                  std::string_view bytes,
                                                  durable::FileSyncs& syncs) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT) return std::optional<FileIdentity>{};
        return io_error("cannot open", path, errno);
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) return io_error("cannot stat", path, errno);
    if (identity_of(info) != expected) return std::optional<FileIdentity>{};
    if (auto written = write_all(fd.get(), bytes, path); !written) return written.error();
    if (auto status = synced(syncs.sync_appended(std::move(fd), path)); !status)
        return status.error();
    FileIdentity now = expected;
    now.size += bytes.size();
    return std::optional<FileIdentity>{now};
}

Status replace_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                               durable::FileSyncs& syncs) {
    std::filesystem::path temporary = path;
    temporary += ".tmp";
    ::unlink(temporary.c_str());  // a leftover from a crash is stale by definition
    if (auto created = create_synced_file(temporary, bytes, std::nullopt); !created) return created;
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error_number = errno;
        ::unlink(temporary.c_str());
        return io_error("cannot rename into", path, error_number);
    }
    return sync_directory(path.parent_path(), syncs);
}

Status rename_synced(const std::filesystem::path& from, const std::filesystem::path& to,
                     durable::FileSyncs& syncs) {
    if (::rename(from.c_str(), to.c_str()) != 0) {
        if (errno == ENOENT) return store_error(StoreErrorCode::NoSuchMessage, from.string());
        return io_error("cannot rename", from, errno);
    }
    if (auto status = sync_directory(to.parent_path(), syncs); !status) return status;
    if (from.parent_path() != to.parent_path()) return sync_directory(from.parent_path(), syncs);
    return ok_status();
}

Status link_into_place(const std::filesystem::path& from, const std::filesystem::path& to,
                       durable::FileSyncs& syncs) {
    if (::link(from.c_str(), to.c_str()) != 0) {
        if (errno == EEXIST) return store_error(StoreErrorCode::AlreadyExists, to.string());
        return io_error("cannot link", to, errno);
    }
    ::unlink(from.c_str());
    return sync_directory(to.parent_path(), syncs);
}

Result<std::string> read_whole_file(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT) return store_error(StoreErrorCode::NoSuchMessage, path.string());
        return io_error("cannot open", path, errno);
    }
    // Read straight into the string, sized from fstat with one octet to spare:
    // a read that reaches that size without filling what it was offered has
    // met the end of the file, so a message usually takes one read and no copy.
    struct stat info {};
    const std::size_t expected =
        ::fstat(fd.get(), &info) == 0 ? static_cast<std::size_t>(info.st_size) : 0;
    std::string bytes(expected + 1, '\0');
    std::size_t have = 0;
    while (true) {
        if (have == bytes.size()) bytes.resize(bytes.size() * 2);  // it grew meanwhile
        const std::size_t offered = bytes.size() - have;
        const ssize_t got = ::read(fd.get(), bytes.data() + have, offered);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return io_error("cannot read", path, errno);
        have += static_cast<std::size_t>(got);
        // Short of the size fstat gave, a read may just be capped (2 GiB).
        if (got == 0 || (static_cast<std::size_t>(got) < offered && have >= expected)) break;
    }
    bytes.resize(have);
    return bytes;
}

}  // namespace maillab::protocols::store::maildir
