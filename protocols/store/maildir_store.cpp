#include "protocols/store/maildir_store.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <ctime>

#include "protocols/store/maildir_flags.hpp"
#include "protocols/store/maildir_io.hpp"
#include "protocols/store/maildir_layout.hpp"
#include "protocols/store/maildir_uidlist.hpp"

namespace maillab::protocols::store {
namespace {

// How often delivery tries another unique name when one is taken.
constexpr int kMaxDeliveryAttempts = 8;

std::string host_name() {
    char buffer[256] = {};
    if (::gethostname(buffer, sizeof buffer - 1) != 0) return "localhost";
    return buffer;
}

Status make_directory(const std::filesystem::path& directory) {
    if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) {
        return maildir::io_error("cannot create directory", directory, errno);
    }
    return ok_status();
}

}  // namespace

MaildirStore::MaildirStore(const AccountDirectory& accounts, std::filesystem::path root)
    : StoreBase(accounts), root_(std::move(root)), host_(host_name()) {}

std::filesystem::path MaildirStore::account_directory(std::string_view account) const {
    return root_ / std::string(account);
}

std::filesystem::path MaildirStore::mailbox_dir(const std::string& account,
                                                const std::string& name) const {
    return maildir::mailbox_directory(account_directory(account), name);
}

Status MaildirStore::make_maildir(const std::filesystem::path& directory) {
    std::error_code error;
    std::filesystem::create_directories(root_, error);
    if (error) return maildir::io_error("cannot create directory", root_, error.value());
    if (auto made = make_directory(directory.parent_path()); !made) return made;
    if (auto made = make_directory(directory); !made) return made;
    for (const auto sub : {maildir::kTmpDir, maildir::kNewDir, maildir::kCurDir}) {
        if (auto made = make_directory(directory / sub); !made) return made;
    }
    return maildir::sync_directory(directory.parent_path());
}

std::string MaildirStore::next_unique_name(std::uint64_t size) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now - seconds);
    return maildir::unique_file_name(seconds.count(), micros.count(), ::getpid(), ++sequence_,
                                     host_, size);
}

Result<Uid> MaildirStore::new_uidvalidity(const std::string& account) {
    const auto directory = account_directory(account);
    if (auto made = make_maildir(directory); !made) return made.error();
    const auto path = directory / maildir::kUidValidityFileName;
    std::uint64_t last = 0;
    if (auto text = maildir::read_whole_file(path)) {
        const std::string& digits = text.value();
        std::from_chars(digits.data(), digits.data() + digits.size(), last);
    } else if (text.code() != StoreErrorCode::NoSuchMessage) {
        return text.error();
    }
    const auto now = static_cast<std::uint64_t>(std::time(nullptr));
    std::uint64_t next = std::max(last + 1, now);
    if (next > 0xffffffffu) next = 1;  // 2106: wrap rather than fail
    if (auto saved = maildir::replace_file_atomically(path, std::to_string(next) + "\n"); !saved) {
        return saved.error();
    }
    return static_cast<Uid>(next);
}

Status MaildirStore::create_storage(const std::string& account, const MailboxState& box) {
    if (auto made = make_maildir(mailbox_dir(account, box.name)); !made) return made;
    return save_mailbox(account, box);
}

Status MaildirStore::delete_storage(const std::string& account, const MailboxState& box) {
    const auto directory = mailbox_dir(account, box.name);
    std::error_code error;
    std::filesystem::remove_all(directory, error);
    if (error) return maildir::io_error("cannot remove", directory, error.value());
    saved_keywords_.erase(directory);
    settled_stamps_.erase(directory);
    return maildir::sync_directory(account_directory(account));
}

Status MaildirStore::rename_storage(const std::string& account, const std::string& old_name,
                                    const MailboxState& box) {
    const auto from = mailbox_dir(account, old_name);
    const auto to = mailbox_dir(account, box.name);
    if (auto moved = maildir::rename_synced(from, to); !moved) return moved;
    settled_stamps_.erase(from);
    settled_stamps_.erase(to);
    if (auto node = saved_keywords_.extract(from)) {
        node.key() = to;
        saved_keywords_.insert(std::move(node));
    }
    return ok_status();
}

Status MaildirStore::save_keywords(const std::filesystem::path& directory,
                                   const MailboxState& box) {
    auto& saved = saved_keywords_[directory];
    if (saved == box.keywords) return ok_status();
    // The table is written before any file name uses a new letter.
    if (auto written = maildir::replace_file_atomically(
            directory / maildir::kKeywordsFileName, maildir::format_keywords_file(box.keywords));
        !written) {
        return written;
    }
    saved = box.keywords;
    return ok_status();
}

Status MaildirStore::write_message(const std::string& account, const MailboxState& box,
                                   StoredMessage& message, std::string_view bytes) {
    const auto directory = mailbox_dir(account, box.name);
    if (auto saved = save_keywords(directory, box); !saved) return saved;
    const Flags& flags = message.info.flags;
    const bool unflagged = flags.system == 0 && flags.keywords.empty();
    for (int attempt = 0; attempt < kMaxDeliveryAttempts; ++attempt) {
        const std::string name = next_unique_name(bytes.size());
        const auto temporary = directory / maildir::kTmpDir / name;
        auto written = maildir::create_synced_file(temporary, bytes, message.info.internal_date);
        if (!written && written.code() == StoreErrorCode::AlreadyExists) continue;
        if (!written) return written;
        const std::string location = unflagged ? std::string(maildir::kNewDir) + "/" + name
                                               : std::string(maildir::kCurDir) + "/" + name +
                                                     std::string(maildir::kInfoSeparator) +
                                                     maildir::flags_to_letters(flags, box.keywords);
        auto placed = maildir::link_into_place(temporary, directory / location);
        if (!placed) ::unlink(temporary.c_str());
        if (!placed && placed.code() == StoreErrorCode::AlreadyExists) continue;
        if (!placed) return placed;
        message.key = location;
        return ok_status();
    }
    return store_error(StoreErrorCode::IoError,
                       "no unique file name found in " + directory.string());
}

Result<std::string> MaildirStore::read_bytes(const std::string& account, const MailboxState& box,
                                             const StoredMessage& message) {
    return maildir::read_whole_file(mailbox_dir(account, box.name) / message.key);
}

Status MaildirStore::remove_message(const std::string& account, const MailboxState& box,
                                    const StoredMessage& message) {
    const auto path = mailbox_dir(account, box.name) / message.key;
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
        return maildir::io_error("cannot remove", path, errno);
    }
    return maildir::sync_directory(path.parent_path());
}

Status MaildirStore::write_flags(const std::string& account, const MailboxState& box,
                                 StoredMessage& message) {
    const auto directory = mailbox_dir(account, box.name);
    if (auto saved = save_keywords(directory, box); !saved) return saved;
    const std::string_view file = maildir::location_file_name(message.key);
    const std::string location = std::string(maildir::kCurDir) + "/" +
                                 std::string(maildir::base_name(file)) +
                                 std::string(maildir::kInfoSeparator) +
                                 maildir::flags_to_letters(message.info.flags, box.keywords);
    if (location == message.key) return ok_status();
    if (auto moved = maildir::rename_synced(directory / message.key, directory / location);
        !moved) {
        return moved;
    }
    message.key = location;
    return ok_status();
}

Status MaildirStore::save_mailbox(const std::string& account, const MailboxState& box) {
    const auto directory = mailbox_dir(account, box.name);
    if (auto saved = save_keywords(directory, box); !saved) return saved;
    maildir::UidList list{.uidvalidity = box.uidvalidity,
                          .uidnext = box.uidnext,
                          .highest_modseq = box.highest_modseq,
                          .special_use = box.special_use};
    for (const auto& message : box.messages) {
        list.records.push_back(maildir::UidListRecord{.uid = message.info.uid,
                                                      .modseq = message.info.modseq,
                                                      .size = message.info.size,
                                                      .internal_date = message.info.internal_date,
                                                      .location = message.key});
    }
    return maildir::replace_file_atomically(directory / maildir::kUidListFileName,
                                            maildir::format_uidlist(list));
}

Status MaildirStore::save_subscriptions(const std::string& account, const AccountState& state) {
    std::string text;
    for (const auto& name : state.subscriptions)
        text += name + "\n";
    const auto directory = account_directory(account);
    if (auto made = make_maildir(directory); !made) return made;
    return maildir::replace_file_atomically(directory / maildir::kSubscriptionsFileName, text);
}

}  // namespace maillab::protocols::store
