// MaildirStore: the MailStore on disk, one Maildir++ directory per account
// under a root directory (layout in maildir_layout.hpp, flags in
// maildir_flags.hpp, UIDs in maildir_uidlist.hpp).
//
// - Delivery follows the Maildir spec: the bytes go to tmp/ under a unique
//   name, the file is fsynced, linked into new/ (no flags) or cur/ (with
//   ":2,<flags>"), and the directory is fsynced before append() returns (or,
//   under a group commit, at the next commit: defer_syncs_to). A
//   half-written tmp/ file is never taken for a message.
// - Internal date = the file's mtime; size = the file's octets, stored
//   exactly as appended.
// - UIDVALIDITY, UIDNEXT, UIDs and modseqs persist in "maillab-uidlist";
//   UIDVALIDITY values come from the account's "maillab-uidvalidity" file
//   (max(last + 1, now)), so a re-created name never reuses one.
// - Subscriptions live in the account's "subscriptions" file, one per line.
// - Every operation first re-scans the mailbox (unless new/ and cur/ are
//   unchanged since the last listing or the store's own last change to
//   them, see maildir_stamp.hpp), so files other programs add
//   (into new/ or cur/), remove or rename (flag changes) are picked up: new
//   files get the next UIDs, and observers hear about each change with
//   kExternalOrigin. Folders other programs create or remove are picked up
//   by list_mailboxes().
// - Several maillab stores (processes) may share one directory one after the
//   other: a rescan adopts the UIDs another store wrote to the uidlist.
//
// Not yet: locking the uidlist against truly simultaneous writers (Dovecot
// uses a dotlock), cleaning tmp/ of files older than 36 hours (Maildir spec), the
// maildirsize quota file (Maildir++), sharing a directory with a live
// Dovecot (its dovecot-uidlist is not read or written).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "protocols/store/maildir_io.hpp"
#include "protocols/store/maildir_stamp.hpp"
#include "protocols/store/store_base.hpp"

namespace maillab::protocols::store {

class MaildirStore final : public StoreBase {
public:
    MaildirStore(const AccountDirectory& accounts, std::filesystem::path root);

    const std::filesystem::path& root() const { return root_; }
    // From now on, directory and uidlist fsyncs wait for the group's next
    // commit (group_commit.hpp): for an owner that holds back every answer
    // that depends on them until then. A message file is still fsynced
    // before it is linked into new/ or cur/.
    void defer_syncs_to(durable::GroupCommit& group) { syncs_.join(group); }
    // Tests age listings with a clock of their own.
    void set_wall_clock(maildir::WallClock clock) { wall_clock_ = clock; }
    std::filesystem::path account_directory(std::string_view account) const;

protected:
    Status load_account(const std::string& account, AccountState& state) override;
    Status refresh_account(const std::string& account, AccountState& state) override;
    Status refresh_mailbox(const std::string& account, MailboxState& box) override;
    Result<Uid> new_uidvalidity(const std::string& account) override;
    Status create_storage(const std::string& account, const MailboxState& box) override;
    Status delete_storage(const std::string& account, const MailboxState& box) override;
    Status rename_storage(const std::string& account, const std::string& old_name,
                          const MailboxState& box) override;
    Status write_message(const std::string& account, const MailboxState& box,
                         StoredMessage& message, std::string_view bytes) override;
    Result<std::string> read_bytes(const std::string& account, const MailboxState& box,
                                   const StoredMessage& message) override;
    Status remove_message(const std::string& account, const MailboxState& box,
                          const StoredMessage& message) override;
    Status write_flags(const std::string& account, const MailboxState& box,
                       StoredMessage& message) override;
    Status save_mailbox(const std::string& account, const MailboxState& box) override;
    Status save_changes(const std::string& account, const MailboxState& box,
                        const MailboxChanges& changes) override;
    Status save_subscriptions(const std::string& account, const AccountState& state) override;

private:
    std::filesystem::path mailbox_dir(const std::string& account, const std::string& name) const;
    Status make_maildir(const std::filesystem::path& directory);
    // Drops what the store remembers of a mailbox directory that was removed or renamed.
    void forget_directory(const std::filesystem::path& directory);
    // Adds folders found on disk and drops vanished ones; `report` records them as changes.
    Status scan_folders(const std::string& account, AccountState& state, bool report);
    Status load_mailbox(const std::string& account, const std::string& name, MailboxState& box);
    // Matches the messages to the files in new/ and cur/ unless the known listing is
    // still valid (maildir_stamp.hpp); `report` records the differences as changes (not
    // on the first load).
    Status sync_files(const std::string& account, MailboxState& box, bool report);
    Status rescan_files(const std::string& account, MailboxState& box,
                        const std::filesystem::path& directory, bool report);
    // After the store itself added, renamed or removed a file: the known listing, if
    // there is one, moves on to the new directory times instead of being listed again.
    void note_own_change(const std::filesystem::path& directory);
    Status save_keywords(const std::filesystem::path& directory, const MailboxState& box);
    std::string next_unique_name(std::uint64_t size);

    std::filesystem::path root_;
    durable::FileSyncs syncs_;
    std::string host_;
    std::uint64_t sequence_ = 0;
    std::map<std::filesystem::path, std::vector<std::string>> saved_keywords_;
    // The uidlist this store last wrote in a mailbox directory: changes are
    // appended to it for as long as no other program replaced or extended it.
    struct WrittenUidList {
        maildir::FileIdentity file;
        Uid uidvalidity = 0;
        SpecialUse special_use = SpecialUse::None;
        std::size_t records = 0;   // when it was last written whole
        std::size_t appended = 0;  // change lines since
    };
    std::map<std::filesystem::path, WrittenUidList> written_uidlists_;
    // Mailbox directory -> what the in-memory state matches on disk.
    std::map<std::filesystem::path, maildir::KnownListing> known_listings_;
    maildir::WallClock wall_clock_ = maildir::wall_clock_now;
};

}  // namespace maillab::protocols::store
