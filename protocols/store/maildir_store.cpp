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

// The uidlist is written whole again once the lines appended to it outnumber its
// records (and this many): appending stays O(1) per change, reading O(records).
constexpr std::size_t kMinAppendedLines = 1024;

maildir::UidListRecord uidlist_record(const MessageInfo& info, const std::string& location) {
    return {.uid = info.uid,
            .modseq = info.modseq,
            .size = info.size,
            .internal_date = info.internal_date,
            .saved_at = info.saved_at,
            .location = location};
}

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
    return maildir::sync_directory(directory.parent_path(), syncs_);
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
    if (auto saved = maildir::replace_file_atomically(path, std::to_string(next) + "\n", syncs_);
        !saved) {
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
    forget_directory(directory);
    return maildir::sync_directory(account_directory(account), syncs_);
}

Status MaildirStore::rename_storage(const std::string& account, const std::string& old_name,
                                    const MailboxState& box) {
    const auto from = mailbox_dir(account, old_name);
    const auto to = mailbox_dir(account, box.name);
    if (auto moved = maildir::rename_synced(from, to, syncs_); !moved) return moved;
    known_listings_.erase(from);
    known_listings_.erase(to);
    written_uidlists_.erase(from);
    written_uidlists_.erase(to);
    if (auto node = saved_keywords_.extract(from)) {
        node.key() = to;
        saved_keywords_.insert(std::move(node));
    }
    return ok_status();
}

void MaildirStore::forget_directory(const std::filesystem::path& directory) {
    saved_keywords_.erase(directory);
    known_listings_.erase(directory);
    written_uidlists_.erase(directory);
}

Status MaildirStore::save_keywords(const std::filesystem::path& directory,
                                   const MailboxState& box) {
    auto& saved = saved_keywords_[directory];
    if (saved == box.keywords) return ok_status();
    // The table is written before any file name uses a new letter.
    if (auto written =
            maildir::replace_file_atomically(directory / maildir::kKeywordsFileName,
                                             maildir::format_keywords_file(box.keywords), syncs_);
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
        auto placed = maildir::link_into_place(temporary, directory / location, syncs_);
        if (!placed) ::unlink(temporary.c_str());
        if (!placed && placed.code() == StoreErrorCode::AlreadyExists) continue;
        if (!placed) return placed;
        message.key = location;
        note_own_change(directory);
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
    note_own_change(mailbox_dir(account, box.name));
    return maildir::sync_directory(path.parent_path(), syncs_);
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
    if (auto moved = maildir::rename_synced(directory / message.key, directory / location, syncs_);
        !moved) {
        return moved;
    }
    message.key = location;
    note_own_change(directory);
    return ok_status();
}

Status MaildirStore::save_mailbox(const std::string& account, const MailboxState& box) {
    const auto directory = mailbox_dir(account, box.name);
    if (auto saved = save_keywords(directory, box); !saved) return saved;
    maildir::UidList list{.uidvalidity = box.uidvalidity,
                          .uidnext = box.uidnext,
                          .highest_modseq = box.highest_modseq,
                          .special_use = box.special_use};
    list.records.reserve(box.messages.size());
    for (const auto& message : box.messages)
        list.records.push_back(uidlist_record(message.info, message.key));
    const auto path = directory / maildir::kUidListFileName;
    written_uidlists_.erase(directory);
    if (auto replaced =
            maildir::replace_file_atomically(path, maildir::format_uidlist(list), syncs_);
        !replaced) {
        return replaced;
    }
    if (auto file = maildir::identify_file(path)) {
        written_uidlists_[directory] = {.file = file.value(),
                                        .uidvalidity = box.uidvalidity,
                                        .special_use = box.special_use,
                                        .records = box.messages.size()};
    }
    return ok_status();
}

Status MaildirStore::save_changes(const std::string& account, const MailboxState& box,
                                  const MailboxChanges& changes) {
    const auto directory = mailbox_dir(account, box.name);
    const auto known = written_uidlists_.find(directory);
    const std::size_t lines = changes.written.size() + changes.removed.size();
    const bool append =
        known != written_uidlists_.end() && known->second.uidvalidity == box.uidvalidity &&
        known->second.special_use == box.special_use &&
        known->second.appended + lines <= std::max(kMinAppendedLines, known->second.records);
    if (!append) return save_mailbox(account, box);
    if (auto saved = save_keywords(directory, box); !saved) return saved;
    const maildir::UidList counters{.uidvalidity = box.uidvalidity,
                                    .uidnext = box.uidnext,
                                    .highest_modseq = box.highest_modseq};
    std::string text;
    for (const Uid uid : changes.written) {
        const auto found = std::lower_bound(
            box.messages.begin(), box.messages.end(), uid,
            [](const StoredMessage& message, Uid wanted) { return message.info.uid < wanted; });
        if (found == box.messages.end() || found->info.uid != uid)
            return save_mailbox(account, box);
        text += maildir::format_uidlist_upsert(counters, uidlist_record(found->info, found->key));
    }
    for (const Uid uid : changes.removed)
        text += maildir::format_uidlist_removal(counters, uid);
    const auto path = directory / maildir::kUidListFileName;
    auto appended = maildir::append_synced(path, known->second.file, text, syncs_);
    if (!appended) {
        written_uidlists_.erase(known);  // what the file holds now is unknown
        return appended.error();
    }
    if (!appended.value()) return save_mailbox(account, box);  // another writer was there
    known->second.file = *appended.value();
    known->second.appended += lines;
    return ok_status();
}

Status MaildirStore::save_subscriptions(const std::string& account, const AccountState& state) {
    std::string text;
    for (const auto& name : state.subscriptions)
        text += name + "\n";
    const auto directory = account_directory(account);
    if (auto made = make_maildir(directory); !made) return made;
    return maildir::replace_file_atomically(directory / maildir::kSubscriptionsFileName, text,
                                            syncs_);
}

}  // namespace maillab::protocols::store
