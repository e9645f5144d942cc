// MailStore: the mailboxes behind SMTP delivery, POP3 and IMAP.
//
// One interface, two implementations that pass the same behavioural tests:
// MemoryStore (lessons, tests) and MaildirStore (Maildir++ on disk, readable
// by mutt, Python's mailbox module and Dovecot-style tools).
//
// Implemented:
// - accounts from an AccountDirectory; on first use an account gets INBOX and
//   the RFC 6154 special-use mailboxes Sent, Drafts, Trash, Junk, Archive
// - '/'-separated hierarchy (rules in mailbox_name.hpp); LIST data with
//   \Noselect for superior names that do not exist and \HasChildren
// - CREATE, DELETE (RFC 3501 §6.3.4: INBOX refused; a mailbox with children
//   loses its messages and becomes \Noselect; a \Noselect name with children
//   is refused), RENAME (RFC 3501 §6.3.5: children move along; renaming INBOX
//   moves its messages into a new mailbox and leaves INBOX empty),
//   SUBSCRIBE/UNSUBSCRIBE (names need not exist, RFC 3501 §6.3.6)
// - UIDVALIDITY (non-zero, never reused for a name in one store), UIDNEXT,
//   per-message MODSEQ and HIGHESTMODSEQ (RFC 7162), flags and keywords
// - APPEND with flags, internal date and save date (RFC 8514), STORE +/-/replace with
// UNCHANGEDSINCE
//   (RFC 7162 §3.1.3), UID EXPUNGE, COPY and MOVE with the UIDPLUS mapping
//   (RFC 4315, RFC 6851), quota usage and refusal (RFC 9208 STORAGE, MESSAGE)
// - change notifications with the origin session (change_notifier.hpp)
//
// Not yet:
// - ANNOTATE/METADATA, per-mailbox quota roots (one root per account),
//   CONDSTORE for mailbox-level changes, vanished-UID history for QRESYNC
//   (RFC 7162 §3.2.10: callers get Expunged changes, the store keeps no log)
// - sharing mailboxes between accounts, ACLs (RFC 4314)
// - concurrent use from several threads (callers serialise, as the
//   simulator and the bridge's single strand do)
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocols/store/account_directory.hpp"
#include "protocols/store/change_notifier.hpp"
#include "protocols/store/message_info.hpp"
#include "protocols/store/store_result.hpp"

namespace maillab::protocols::store {

// Largest message the store accepts (IMAP APPEND, SMTP DATA after the
// protocol's own limit); larger ones get LimitExceeded.
inline constexpr std::uint64_t kMaxMessageOctets = 64ull * 1024 * 1024;

enum class SpecialUse : std::uint8_t { None, Sent, Drafts, Trash, Junk, Archive };

// The mailboxes every account gets on first use, besides INBOX.
inline constexpr std::array<std::pair<std::string_view, SpecialUse>, 5> kDefaultMailboxes{{
    {"Sent", SpecialUse::Sent},
    {"Drafts", SpecialUse::Drafts},
    {"Trash", SpecialUse::Trash},
    {"Junk", SpecialUse::Junk},
    {"Archive", SpecialUse::Archive},
}};

// "\Sent" etc. (RFC 6154 §2); empty for None.
std::string_view special_use_attribute(SpecialUse use);

struct MailboxInfo {
    std::string name;
    SpecialUse special_use = SpecialUse::None;
    bool selectable = true;     // false: \Noselect (a superior name that does not exist)
    bool has_children = false;  // \HasChildren, else \HasNoChildren
    bool subscribed = false;    // \Subscribed (RFC 5258)
};

struct MailboxStatus {
    Uid uidvalidity = 0;
    Uid uidnext = 1;
    ModSeq highest_modseq = 1;
    std::uint32_t messages = 0;
    std::uint32_t unseen = 0;
    std::vector<std::string> keywords;  // keywords defined in the mailbox (FLAGS)
};

struct FlagUpdate {
    FlagOp op = FlagOp::Add;
    Flags flags;
    std::optional<ModSeq> unchanged_since;  // RFC 7162 UNCHANGEDSINCE
};

struct FlagUpdateResult {
    std::vector<MessageInfo> changed;  // messages whose flags changed, new state
    std::vector<Uid> failed;           // UNCHANGEDSINCE failures (the MODIFIED set)
};

struct UidMapping {
    Uid source = 0;
    Uid destination = 0;
};

struct CopyResult {
    Uid destination_uidvalidity = 0;
    std::vector<UidMapping> mapping;  // RFC 4315 COPYUID, in source UID order
};

struct QuotaUsage {
    std::uint64_t storage_octets = 0;
    std::uint64_t messages = 0;
    QuotaLimits limits;
};

class MailStore {
public:
    virtual ~MailStore() = default;

    virtual Result<std::vector<MailboxInfo>> list_mailboxes(std::string_view account) = 0;
    virtual Result<std::vector<std::string>> subscriptions(std::string_view account) = 0;
    virtual Status create_mailbox(std::string_view account, std::string_view name,
                                  SpecialUse use = SpecialUse::None, Origin origin = {}) = 0;
    virtual Status delete_mailbox(std::string_view account, std::string_view name,
                                  Origin origin = {}) = 0;
    virtual Status rename_mailbox(std::string_view account, std::string_view from,
                                  std::string_view to, Origin origin = {}) = 0;
    virtual Status set_subscribed(std::string_view account, std::string_view name,
                                  bool subscribed) = 0;

    virtual Result<MailboxStatus> status(std::string_view account, std::string_view mailbox) = 0;
    // Brings the mailbox up to date with what other programs changed in the storage
    // (a disk store); each change found is published to the mailbox's observers.
    virtual Status refresh(std::string_view account, std::string_view mailbox) = 0;
    // Sorted by UID.
    virtual Result<std::vector<MessageInfo>> messages(std::string_view account,
                                                      std::string_view mailbox) = 0;
    virtual Result<std::string> read_message(std::string_view account, std::string_view mailbox,
                                             Uid uid) = 0;

    virtual Result<Uid> append(std::string_view account, std::string_view mailbox,
                               std::string_view bytes, const Flags& flags, MessageDates dates,
                               Origin origin = {}) = 0;
    // UIDs that do not exist are ignored, as IMAP STORE does.
    virtual Result<FlagUpdateResult> store_flags(std::string_view account, std::string_view mailbox,
                                                 const std::vector<Uid>& uids,
                                                 const FlagUpdate& update, Origin origin = {}) = 0;
    // Returns the UIDs actually removed, ascending.
    virtual Result<std::vector<Uid>> expunge(std::string_view account, std::string_view mailbox,
                                             const std::vector<Uid>& uids, Origin origin = {}) = 0;
    // The copies keep flags and internal date (RFC 3501 §6.4.7); `now` is their save date.
    virtual Result<CopyResult> copy(std::string_view account, std::string_view from,
                                    const std::vector<Uid>& uids, std::string_view to,
                                    std::int64_t now, Origin origin = {}) = 0;
    virtual Result<CopyResult> move(std::string_view account, std::string_view from,
                                    const std::vector<Uid>& uids, std::string_view to,
                                    std::int64_t now, Origin origin = {}) = 0;

    virtual Result<QuotaUsage> quota(std::string_view account) = 0;
    // Ok when `add_octets` more in `add_messages` more messages fit the account's
    // quota, QuotaExceeded (saying which limit) when they do not. Usage is only
    // counted when the account has limits.
    virtual Status check_quota(std::string_view account, std::uint64_t add_octets,
                               std::uint64_t add_messages) = 0;

    ChangeNotifier& notifier() { return notifier_; }

private:
    ChangeNotifier notifier_;
};

}  // namespace maillab::protocols::store
