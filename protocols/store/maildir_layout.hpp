// Maildir++ layout (as Courier and Dovecot use it) for one account directory:
//
//   <root>/<account>/{cur,new,tmp}          INBOX
//   <root>/<account>/.Sent/{cur,new,tmp}    folder "Sent"
//   <root>/<account>/.a.b/{cur,new,tmp}     folder "a/b"
//
// A folder's directory is "." followed by its name with each '/' turned into
// '.'. Octets that would confuse that mapping are escaped as %XX (upper-case
// hex): '.' (it separates levels) and '%' (the escape itself). So "v1.2/x%"
// lives in ".v1%2E2.x%25". Every other octet is kept: mailbox_name.hpp has
// already refused '/'-tricks, "." and "..", NUL and control characters.
//
// Message files are named "<seconds>.M<micros>P<pid>Q<seq>.<host>,S=<size>"
// (the Maildir spec's unique name in Dovecot's style), plus ":2,<flags>" once
// they sit in cur/. Everything up to the first ':' is the base name that
// identifies a message while its flags change.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace maillab::protocols::store::maildir {

inline constexpr std::string_view kNewDir = "new";
inline constexpr std::string_view kCurDir = "cur";
inline constexpr std::string_view kTmpDir = "tmp";
inline constexpr std::string_view kInfoSeparator = ":2,";
// Account-level files beside INBOX's cur/new/tmp.
inline constexpr std::string_view kUidValidityFileName = "maillab-uidvalidity";
inline constexpr std::string_view kSubscriptionsFileName = "subscriptions";

// "" for INBOX, ".a.b" for "a/b"; takes a canonical, validated name.
std::string folder_directory_name(std::string_view mailbox);

// The mailbox a directory entry such as ".a.b" holds, if it is one.
std::optional<std::string> mailbox_from_directory_name(std::string_view entry);

std::filesystem::path mailbox_directory(const std::filesystem::path& account_dir,
                                        std::string_view mailbox);

// "cur/<file>" -> "<file>": the file name in a message's location.
std::string_view location_file_name(std::string_view location);

// The part of a message file name before the first ':'.
std::string_view base_name(std::string_view file_name);

// The flag letters after ":2,", or nullopt when the name has no info part.
std::optional<std::string_view> info_letters(std::string_view file_name);

// Host name made safe for file names: '/' -> "\057", ':' -> "\072" (Maildir spec).
std::string safe_host_name(std::string_view host);

std::string unique_file_name(std::int64_t seconds, std::int64_t micros, std::int64_t pid,
                             std::uint64_t sequence, std::string_view host, std::uint64_t size);

}  // namespace maillab::protocols::store::maildir
