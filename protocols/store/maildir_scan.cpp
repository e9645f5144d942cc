// MaildirStore: reading an account from disk and re-scanning mailboxes for
// changes made by other programs (mutt, a delivery agent, a user's shell).
#include <sys/stat.h>

#include <algorithm>
#include <map>

#include "protocols/store/mailbox_name.hpp"
#include "protocols/store/maildir_flags.hpp"
#include "protocols/store/maildir_io.hpp"
#include "protocols/store/maildir_layout.hpp"
#include "protocols/store/maildir_stamp.hpp"
#include "protocols/store/maildir_store.hpp"
#include "protocols/store/maildir_uidlist.hpp"

namespace maillab::protocols::store {
namespace {

struct FoundFile {
    std::string location;  // "cur/<name>" or "new/<name>"
    std::int64_t mtime = 0;
    std::uint64_t size = 0;
};

bool is_message_file_name(std::string_view name) {
    return !name.empty() && name[0] != '.' && name.find('\n') == std::string_view::npos;
}

// base name -> location, for every message file in new/ and cur/ (cur/ wins
// a tie). The file types come from readdir, so known files cost no stat(2).
std::map<std::string, FoundFile> list_message_files(const std::filesystem::path& directory) {
    std::map<std::string, FoundFile> files;
    for (const auto sub : {maildir::kNewDir, maildir::kCurDir}) {
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(directory / sub, error)) {
            const std::string name = entry.path().filename().string();
            if (!is_message_file_name(name)) continue;
            if (entry.is_symlink(error) || !entry.is_regular_file(error)) continue;
            files[std::string(maildir::base_name(name))] =
                FoundFile{.location = std::string(sub) + "/" + name};
        }
    }
    return files;
}

// Fills in mtime and size; false if the file vanished meanwhile.
bool stat_file(const std::filesystem::path& directory, FoundFile& file) {
    struct stat info {};
    if (::stat((directory / file.location).c_str(), &info) != 0) return false;
    file.mtime = info.st_mtim.tv_sec;
    file.size = static_cast<std::uint64_t>(info.st_size);
    return true;
}

struct DiskNumbers {
    std::map<std::string, Uid> uids;  // base name -> UID
    Uid uidnext = 1;
    ModSeq highest_modseq = 1;
};

// What the uidlist on disk says about files numbered at or after `from`
// (i.e. by another store since this one last looked), if it is the same
// UIDVALIDITY generation.
DiskNumbers numbers_on_disk(const std::filesystem::path& directory, Uid uidvalidity, Uid from) {
    DiskNumbers numbers;
    auto text = maildir::read_whole_file(directory / maildir::kUidListFileName);
    if (!text) return numbers;
    const auto list = maildir::parse_uidlist(text.value());
    if (!list || list->uidvalidity != uidvalidity) return numbers;
    numbers.uidnext = list->uidnext;
    numbers.highest_modseq = list->highest_modseq;
    for (const auto& record : list->records) {
        if (record.uid < from) continue;
        const auto file = maildir::location_file_name(record.location);
        numbers.uids.emplace(std::string(maildir::base_name(file)), record.uid);
    }
    return numbers;
}

Flags flags_of_location(std::string_view location, const std::vector<std::string>& keywords) {
    return maildir::letters_to_flags(maildir::info_letters(location).value_or(""), keywords);
}

bool is_maildir(const std::filesystem::path& directory) {
    std::error_code error;
    return std::filesystem::is_directory(directory / maildir::kCurDir, error);
}

}  // namespace

Status MaildirStore::load_account(const std::string& account, AccountState& state) {
    const auto directory = account_directory(account);
    std::error_code error;
    if (!std::filesystem::exists(directory, error)) return ok_status();  // fresh account
    if (auto subscriptions =
            maildir::read_whole_file(directory / maildir::kSubscriptionsFileName)) {
        std::string_view text = subscriptions.value();
        while (!text.empty()) {
            const std::size_t end = std::min(text.find('\n'), text.size());
            if (auto name = canonical_mailbox_name(text.substr(0, end))) {
                state.subscriptions.insert(name.value());
            }
            text.remove_prefix(std::min(end + 1, text.size()));
        }
    }
    MailboxState inbox;
    if (auto made = make_maildir(directory); !made) return made;
    if (auto loaded = load_mailbox(account, std::string(kInbox), inbox); !loaded) return loaded;
    state.mailboxes.emplace(inbox.name, std::move(inbox));
    return scan_folders(account, state, false);
}

Status MaildirStore::refresh_account(const std::string& account, AccountState& state) {
    return scan_folders(account, state, true);
}

Status MaildirStore::scan_folders(const std::string& account, AccountState& state, bool report) {
    const auto directory = account_directory(account);
    std::vector<std::string> present;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        const auto name = maildir::mailbox_from_directory_name(entry.path().filename().string());
        if (name && is_maildir(entry.path())) present.push_back(*name);
    }
    if (error) return maildir::io_error("cannot list", directory, error.value());
    for (const auto& name : present) {
        if (state.mailboxes.contains(name)) continue;
        MailboxState box;
        if (auto loaded = load_mailbox(account, name, box); !loaded) return loaded;
        state.mailboxes.emplace(name, std::move(box));
        if (report)
            record(Change{.kind = ChangeKind::MailboxCreated, .account = account, .mailbox = name});
    }
    for (auto it = state.mailboxes.begin(); it != state.mailboxes.end();) {
        const bool gone = !is_inbox(it->first) &&
                          std::find(present.begin(), present.end(), it->first) == present.end();
        if (gone) {
            record(Change{
                .kind = ChangeKind::MailboxDeleted, .account = account, .mailbox = it->first});
            it = state.mailboxes.erase(it);
        } else {
            ++it;
        }
    }
    return ok_status();
}

Status MaildirStore::load_mailbox(const std::string& account, const std::string& name,
                                  MailboxState& box) {
    const auto directory = mailbox_dir(account, name);
    box = MailboxState{.name = name};
    if (auto keywords = maildir::read_whole_file(directory / maildir::kKeywordsFileName)) {
        box.keywords = maildir::parse_keywords_file(keywords.value());
        saved_keywords_[directory] = box.keywords;
    }
    std::optional<maildir::UidList> list;
    if (auto text = maildir::read_whole_file(directory / maildir::kUidListFileName)) {
        list = maildir::parse_uidlist(text.value());
    }
    if (list) {
        box.uidvalidity = list->uidvalidity;
        box.uidnext = list->uidnext;
        box.highest_modseq = list->highest_modseq;
        box.special_use = list->special_use;
        for (auto& record : list->records) {
            box.messages.push_back(
                StoredMessage{.info = {.uid = record.uid,
                                       .modseq = record.modseq,
                                       .flags = flags_of_location(record.location, box.keywords),
                                       .internal_date = record.internal_date,
                                       .saved_at = record.saved_at,
                                       .size = record.size},
                              .key = std::move(record.location)});
        }
    } else {
        // No (readable) uidlist: every file gets a new UID under a new UIDVALIDITY.
        auto uidvalidity = new_uidvalidity(account);
        if (!uidvalidity) return uidvalidity.error();
        box.uidvalidity = uidvalidity.value();
    }
    // What the first look finds is the mailbox's state, not a change: reporting
    // each of 100,000 files as "appended" made observers (the trace) quadratic.
    if (auto synced = sync_files(account, box, false); !synced) return synced;
    return list ? ok_status() : save_mailbox(account, box);
}

Status MaildirStore::refresh_mailbox(const std::string& account, MailboxState& box) {
    return sync_files(account, box, true);
}

Status MaildirStore::sync_files(const std::string& account, MailboxState& box, bool report) {
    const auto directory = mailbox_dir(account, box.name);
    // Taken before listing: a change made while the listing runs moves the stamp on.
    const auto stamp = maildir::stamp_maildir(directory);
    const timespec now = wall_clock_();
    const auto known = known_listings_.find(directory);
    if (stamp && known != known_listings_.end() &&
        maildir::listing_still_valid(known->second, *stamp, now)) {
        return ok_status();
    }
    if (known != known_listings_.end()) known_listings_.erase(known);
    auto rescanned = rescan_files(account, box, directory, report);
    if (rescanned && stamp) known_listings_[directory] = {.stamp = *stamp, .listed_at = now};
    return rescanned;
}

void MaildirStore::note_own_change(const std::filesystem::path& directory) {
    const auto known = known_listings_.find(directory);
    if (known == known_listings_.end()) return;
    if (const auto stamp = maildir::stamp_maildir(directory)) {
        known->second.stamp = *stamp;
    } else {
        known_listings_.erase(known);
    }
}

Status MaildirStore::rescan_files(const std::string& account, MailboxState& box,
                                  const std::filesystem::path& directory, bool report) {
    auto files = list_message_files(directory);
    bool changed = false;
    std::vector<StoredMessage> kept;
    std::vector<Uid> vanished;
    for (auto& message : box.messages) {
        const std::string_view file = maildir::location_file_name(message.key);
        const auto found = files.find(std::string(maildir::base_name(file)));
        if (found == files.end()) {
            vanished.push_back(message.info.uid);
            continue;
        }
        if (found->second.location != message.key) {
            changed = true;
            message.key = found->second.location;
            Flags now = flags_of_location(message.key, box.keywords);
            if (now != message.info.flags) {
                message.info.flags = std::move(now);
                message.info.modseq = ++box.highest_modseq;
                if (report) record_message(ChangeKind::FlagsChanged, account, box, message.info);
            }
        }
        files.erase(found);
        kept.push_back(std::move(message));
    }
    box.messages = std::move(kept);
    if (!vanished.empty()) {
        changed = true;
        ++box.highest_modseq;
        for (const Uid uid : vanished) {
            if (report)
                record_message(ChangeKind::Expunged, account, box,
                               MessageInfo{.uid = uid, .modseq = box.highest_modseq});
        }
    }
    // Files nobody has numbered yet, oldest first, get the next UIDs.
    std::vector<std::pair<std::string, FoundFile>> arrivals;
    for (auto& [base, file] : files) {
        if (stat_file(directory, file)) arrivals.emplace_back(base, std::move(file));
    }
    std::sort(arrivals.begin(), arrivals.end(), [](const auto& a, const auto& b) {
        return std::tie(a.second.mtime, a.first) < std::tie(b.second.mtime, b.first);
    });
    if (arrivals.empty()) return changed ? save_mailbox(account, box) : ok_status();

    // Another maillab store on this directory may have numbered them already:
    // take its UIDs so that both agree.
    const DiskNumbers disk = numbers_on_disk(directory, box.uidvalidity, box.uidnext);
    box.uidnext = std::max(box.uidnext, disk.uidnext);
    box.highest_modseq = std::max(box.highest_modseq, disk.highest_modseq);
    std::vector<StoredMessage> arrived;
    for (auto& [base, file] : arrivals) {
        const auto known = disk.uids.find(base);
        const Uid uid = known != disk.uids.end() ? known->second : box.uidnext++;
        arrived.push_back(
            StoredMessage{.info = {.uid = uid,
                                   .modseq = ++box.highest_modseq,
                                   .flags = flags_of_location(file.location, box.keywords),
                                   .internal_date = file.mtime,
                                   .saved_at = file.mtime,
                                   .size = file.size},
                          .key = std::move(file.location)});
    }
    const auto by_uid = [](const StoredMessage& a, const StoredMessage& b) {
        return a.info.uid < b.info.uid;
    };
    std::sort(arrived.begin(), arrived.end(), by_uid);
    for (auto& message : arrived) {
        if (report) record_message(ChangeKind::Appended, account, box, message.info);
        box.messages.push_back(std::move(message));
    }
    std::sort(box.messages.begin(), box.messages.end(), by_uid);
    return save_mailbox(account, box);
}

}  // namespace maillab::protocols::store
