// Durable file operations for the Maildir store. Each reports failure as an
// IoError value naming the path and errno text; none throws.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "protocols/durable/file_syncs.hpp"
#include "protocols/store/store_result.hpp"

namespace maillab::protocols::store::maildir {

// Creates `path` exclusively (EEXIST -> AlreadyExists), writes all bytes,
// sets the modification time when given, and fsyncs before closing.
Status create_synced_file(const std::filesystem::path& path, std::string_view bytes,
                          std::optional<std::int64_t> mtime_seconds);

// The directory and append syncs below go through `syncs`: made at once, or
// deferred to a group commit (file_syncs.hpp). A file's own contents are
// always fsynced before it is given its final name.

// Replaces `path` atomically: writes "<path>.tmp", fsyncs it, renames it over
// `path`, then fsyncs the directory, so a crash leaves the old or the new file.
Status replace_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                               durable::FileSyncs& syncs);

Status sync_directory(const std::filesystem::path& directory, durable::FileSyncs& syncs);

// A file as its writer last left it: one that another writer replaced or
// extended since no longer matches.
struct FileIdentity {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::uint64_t size = 0;

    bool operator==(const FileIdentity&) const = default;
};

Result<FileIdentity> identify_file(const std::filesystem::path& path);

// Appends `bytes` to `path` and fdatasyncs it, provided the file is still
// `expected`: returns the file's new identity, or nullopt (nothing written)
// when it is not the file the caller last left.
Result<std::optional<FileIdentity>> append_synced(const std::filesystem::path& path,
                                                  const FileIdentity& expected,
                                                  std::string_view bytes,
                                                  durable::FileSyncs& syncs);

// rename(2) followed by fsync of the target's directory (and the source's if different).
Status rename_synced(const std::filesystem::path& from, const std::filesystem::path& to,
                     durable::FileSyncs& syncs);

// Maildir delivery: link(2) `from` to `to` (AlreadyExists if `to` exists, so
// nothing is ever overwritten), unlink `from`, fsync the target directory.
Status link_into_place(const std::filesystem::path& from, const std::filesystem::path& to,
                       durable::FileSyncs& syncs);

// NoSuchMessage when the file does not exist, IoError for other failures.
Result<std::string> read_whole_file(const std::filesystem::path& path);

StoreError io_error(std::string_view what, const std::filesystem::path& path, int error_number);

}  // namespace maillab::protocols::store::maildir
