// StoreBase: the MailStore semantics written once, over a small set of
// storage hooks. MemoryStore and MaildirStore only say how to keep bytes and
// metadata; the IMAP rules (names, UIDs, modseqs, DELETE/RENAME, quotas,
// UNCHANGEDSINCE, notifications) live here so both behave identically.
//
// The base keeps every account's metadata in memory. A disk store refreshes
// it from disk (refresh_* hooks) before each use and reports what other
// programs changed through record(); changes are published to observers
// when the public call returns, so observers always see a consistent store.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/store/mail_store.hpp"

namespace maillab::protocols::store {

class StoreBase : public MailStore {
public:
    explicit StoreBase(const AccountDirectory& accounts) : accounts_(accounts) {}

    Result<std::vector<MailboxInfo>> list_mailboxes(std::string_view account) override;
    Result<std::vector<std::string>> subscriptions(std::string_view account) override;
    Status create_mailbox(std::string_view account, std::string_view name, SpecialUse use,
                          Origin origin) override;
    Status delete_mailbox(std::string_view account, std::string_view name, Origin origin) override;
    Status rename_mailbox(std::string_view account, std::string_view from, std::string_view to,
                          Origin origin) override;
    Status set_subscribed(std::string_view account, std::string_view name,
                          bool subscribed) override;

    Result<MailboxStatus> status(std::string_view account, std::string_view mailbox) override;
    Status refresh(std::string_view account, std::string_view mailbox) override;
    Result<std::vector<MessageInfo>> messages(std::string_view account,
                                              std::string_view mailbox) override;
    Result<std::string> read_message(std::string_view account, std::string_view mailbox,
                                     Uid uid) override;
    Result<Uid> append(std::string_view account, std::string_view mailbox, std::string_view bytes,
                       const Flags& flags, MessageDates dates, Origin origin) override;
    Result<FlagUpdateResult> store_flags(std::string_view account, std::string_view mailbox,
                                         const std::vector<Uid>& uids, const FlagUpdate& update,
                                         Origin origin) override;
    Result<std::vector<Uid>> expunge(std::string_view account, std::string_view mailbox,
                                     const std::vector<Uid>& uids, Origin origin) override;
    Result<CopyResult> copy(std::string_view account, std::string_view from,
                            const std::vector<Uid>& uids, std::string_view to, std::int64_t now,
                            Origin origin) override;
    Result<CopyResult> move(std::string_view account, std::string_view from,
                            const std::vector<Uid>& uids, std::string_view to, std::int64_t now,
                            Origin origin) override;
    Result<QuotaUsage> quota(std::string_view account) override;
    Status check_quota(std::string_view account, std::uint64_t add_octets,
                       std::uint64_t add_messages) override;

protected:
    struct StoredMessage {
        MessageInfo info;
        std::string key;  // where the storage keeps the bytes (a file path, a map key)
    };

    struct MailboxState {
        std::string name;
        SpecialUse special_use = SpecialUse::None;
        Uid uidvalidity = 0;
        Uid uidnext = 1;
        ModSeq highest_modseq = 1;
        std::vector<StoredMessage> messages;  // ascending UID
        std::vector<std::string> keywords;    // index = Maildir keyword letter
    };

    struct AccountState {
        std::map<std::string, MailboxState> mailboxes;
        std::set<std::string> subscriptions;
    };

    // Storage hooks. `account` is a validated account name, every MailboxState
    // carries a canonical, validated name.
    virtual Status load_account(const std::string& account, AccountState& state) = 0;
    virtual Status refresh_account(const std::string& account, AccountState& state) = 0;
    virtual Status refresh_mailbox(const std::string& account, MailboxState& box) = 0;
    virtual Result<Uid> new_uidvalidity(const std::string& account) = 0;
    virtual Status create_storage(const std::string& account, const MailboxState& box) = 0;
    virtual Status delete_storage(const std::string& account, const MailboxState& box) = 0;
    virtual Status rename_storage(const std::string& account, const std::string& old_name,
                                  const MailboxState& box) = 0;
    virtual Status write_message(const std::string& account, const MailboxState& box,
                                 StoredMessage& message, std::string_view bytes) = 0;
    virtual Result<std::string> read_bytes(const std::string& account, const MailboxState& box,
                                           const StoredMessage& message) = 0;
    virtual Status remove_message(const std::string& account, const MailboxState& box,
                                  const StoredMessage& message) = 0;
    virtual Status write_flags(const std::string& account, const MailboxState& box,
                               StoredMessage& message) = 0;
    virtual Status save_mailbox(const std::string& account, const MailboxState& box) = 0;
    // What one call changed in a mailbox's metadata, so storage may record just that.
    struct MailboxChanges {
        std::vector<Uid> written;  // messages added or changed (now in box.messages)
        std::vector<Uid> removed;
    };
    // Records `changes` made to `box`; by default by saving the whole mailbox.
    virtual Status save_changes(const std::string& account, const MailboxState& box,
                                const MailboxChanges& changes);
    virtual Status save_subscriptions(const std::string& account, const AccountState& state) = 0;

    // Queues a change; it is published when the current public call returns.
    void record(Change change);
    // Queues an Appended, FlagsChanged or Expunged change for one message.
    void record_message(ChangeKind kind, const std::string& account, const MailboxState& box,
                        const MessageInfo& info, Origin origin = kExternalOrigin);
    // Adds the flags' keywords to the mailbox's table; LimitExceeded past 26.
    static Status register_keywords(MailboxState& box, const Flags& flags);

private:
    // Publishes the changes queued by a public call once the outermost call returns.
    class PublishOnExit {
    public:
        explicit PublishOnExit(StoreBase& store) : store_(store) { ++store_.call_depth_; }
        PublishOnExit(const PublishOnExit&) = delete;
        PublishOnExit& operator=(const PublishOnExit&) = delete;
        ~PublishOnExit() {
            if (--store_.call_depth_ == 0) store_.publish_pending();
        }

    private:
        StoreBase& store_;
    };

    Result<AccountState*> account_state(std::string_view account);
    enum class Refresh { Yes, No };
    // The mailbox's state, first brought up to date with the storage unless Refresh::No.
    Result<MailboxState*> mailbox_state(std::string_view account, std::string_view name,
                                        Refresh refresh = Refresh::Yes);
    Result<std::pair<MailboxState*, MailboxState*>> mailbox_pair(std::string_view account,
                                                                 std::string_view from,
                                                                 std::string_view to);
    Status create_default_tree(const std::string& account, AccountState& state);
    Status add_mailbox(const std::string& account, AccountState& state, const std::string& name,
                       SpecialUse use, Origin origin);
    Result<CopyResult> copy_messages(const std::string& account, MailboxState& source,
                                     const std::vector<Uid>& uids, MailboxState& target,
                                     std::optional<std::int64_t> saved_at, Origin origin,
                                     bool check_quota_first);
    Result<std::vector<Uid>> expunge_messages(const std::string& account, MailboxState& box,
                                              const std::vector<Uid>& uids, Origin origin);
    Status rename_inbox(const std::string& account, AccountState& state, const std::string& to,
                        Origin origin);
    void publish_pending();

    const AccountDirectory& accounts_;
    std::map<std::string, AccountState, std::less<>> states_;
    std::vector<Change> pending_;
    bool publishing_ = false;
    int call_depth_ = 0;  // public calls in progress; changes are published at 0
};

}  // namespace maillab::protocols::store
