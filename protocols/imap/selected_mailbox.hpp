// SelectedMailbox: one session's view of its selected mailbox — the map from
// message sequence numbers to UIDs and what the session has told its client
// (RFC 3501 §2.3.1.2). Changes made by other sessions arrive from the store's
// ChangeNotifier at any time; they are queued here and applied only when the
// session may tell the client (RFC 3501 §5.2, §7.4.1): flush() turns them into
// untagged EXPUNGE (or VANISHED under QRESYNC, RFC 7162 §3.2.10), EXISTS,
// RECENT and FETCH (FLAGS, with MODSEQ under CONDSTORE) responses. Expunges
// may be held back (during FETCH, STORE, SEARCH); until then the expunged
// message keeps its sequence number and its last known flags.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/imap/recent_claims.hpp"
#include "protocols/imap/sequence_set.hpp"
#include "protocols/store/change_notifier.hpp"
#include "protocols/store/message_info.hpp"

namespace maillab::protocols::imap {

// The most octets of expunged messages one session keeps for FETCH until it may
// tell the expunge; past that, FETCH of such a message answers NO [EXPUNGEISSUED].
inline constexpr std::size_t kMaxRetainedOctets = 64 * 1024 * 1024;

struct SelectedMessage {
    store::MessageInfo info;
    bool recent = false;
    bool expunged = false;  // removed by another session, not yet told
    bool complete = true;   // size and internal date known (false right after an append)
};

struct UpdateStyle {
    bool condstore = false;  // MODSEQ in unsolicited FETCH (RFC 7162 §3.1.4)
    bool qresync = false;    // VANISHED instead of EXPUNGE (RFC 7162 §3.2.10)
    bool recent = true;      // \Recent and RECENT, which IMAP4rev2 has not (RFC 9051 App. E)
};

struct UntaggedLine {
    std::string text;  // "* 3 EXPUNGE\r\n"
    std::string_view name;
};

// "\Seen \Flagged $Forwarded" as a list, \Recent first when set.
std::vector<std::string> flag_names(const store::Flags& flags, bool recent);
// The same names written as a flag-list, "(\\Recent \\Seen $Forwarded)", with no vector
// in between (FETCH FLAGS writes one per message).
void write_flag_names(std::string& out, const store::Flags& flags, bool recent);

// The untagged FLAGS and OK [PERMANENTFLAGS] that tell a client which flags the
// mailbox has: at SELECT, and again whenever a new keyword appears (RFC 3501 §7.2.6).
std::vector<UntaggedLine> flags_announcement(const std::vector<std::string>& keywords,
                                             bool read_only);

class SelectedMailbox {
public:
    // `claims` may be null: then no message is ever \Recent.
    SelectedMailbox(std::string account, std::string name, std::uint32_t uidvalidity,
                    bool read_only, std::vector<store::MessageInfo> messages,
                    std::uint64_t highest_modseq, RecentClaims* claims,
                    std::vector<std::string> keywords);

    const std::string& name() const { return name_; }
    std::uint32_t uidvalidity() const { return uidvalidity_; }
    bool read_only() const { return read_only_; }
    std::uint64_t highest_modseq() const { return highest_modseq_; }
    std::uint32_t exists() const { return static_cast<std::uint32_t>(messages_.size()); }
    std::uint32_t recent_count() const;
    std::optional<std::uint32_t> first_unseen() const;
    std::uint32_t largest_uid() const;

    SelectedMessage& at(std::uint32_t seq) { return messages_[seq - 1]; }
    const SelectedMessage& at(std::uint32_t seq) const { return messages_[seq - 1]; }
    std::optional<std::uint32_t> seq_of(store::Uid uid) const;

    // Sequence numbers the set names, ascending and unique. For UID sets,
    // UIDs not in the mailbox are skipped (RFC 3501 §6.4.8); for sequence
    // sets a number beyond EXISTS makes the whole set invalid (nothing).
    std::optional<std::vector<std::uint32_t>> resolve(const SequenceSet& set, bool uid) const;

    // UIDs of `wanted` below `uidnext` that are not in the mailbox (VANISHED, RFC 7162).
    SequenceSet missing(const SequenceSet& wanted, std::uint32_t uidnext) const;

    // Fills size and internal date of messages that arrived since SELECT.
    bool needs_details() const;
    void fill_details(const std::vector<store::MessageInfo>& messages);

    // This session's own changes, already told to its client.
    void update(const store::MessageInfo& info);
    // Removes a message this session expunged; its sequence number before removal.
    std::optional<std::uint32_t> remove(store::Uid uid);
    // Keywords the client has been told of in an untagged FLAGS.
    const std::vector<std::string>& keywords() const { return keywords_; }
    // Before a FETCH response shows `flags`: the FLAGS announcement its new keywords
    // need (nothing when the client knows them all).
    std::vector<UntaggedLine> announce_keywords(const store::Flags& flags);

    // The store renamed the mailbox while selected (RFC 3501 §6.3.5).
    void rename(std::string name) { name_ = std::move(name); }

    // The octets of a message another session expunged, kept until this session has
    // told its client (RFC 2180 §4.1.1); null when they were not kept.
    const std::string* retained(store::Uid uid) const;

    // SEARCHRES (RFC 5182 §2.1): the UIDs the last SEARCH or SORT RETURN (SAVE) kept for "$";
    // empty until one does, and gone with this object at SELECT, EXAMINE, CLOSE, UNSELECT.
    const std::vector<store::Uid>& saved_search() const { return saved_search_; }
    void save_search(std::vector<store::Uid> uids) { saved_search_ = std::move(uids); }

    // Another session's change (or this session's append); told at flush().
    void queue(const store::Change& change);
    bool pending() const { return !changes_.empty() || held_expunges_ > 0; }
    std::vector<UntaggedLine> flush(bool allow_expunge, UpdateStyle style);

private:
    void apply(const store::Change& change, std::vector<store::Uid>& flag_changes);
    std::uint32_t claim_recent(store::Uid highest);
    void forget_retained(store::Uid uid);

    std::string account_;
    std::string name_;
    std::uint32_t uidvalidity_;
    bool read_only_;
    std::uint64_t highest_modseq_;
    RecentClaims* claims_;
    std::vector<SelectedMessage> messages_;  // index = sequence number - 1, ascending UID
    std::vector<std::string> keywords_;      // told in FLAGS
    std::vector<store::Change> changes_;     // not yet applied
    // Octets of expunged messages not yet told, at most kMaxRetainedOctets in all.
    std::map<store::Uid, std::shared_ptr<const std::string>> retained_;
    std::size_t retained_octets_ = 0;
    std::size_t held_expunges_ = 0;  // messages marked expunged, not yet told
    std::uint32_t told_exists_ = 0;
    std::uint32_t told_recent_ = 0;
    std::vector<store::Uid> saved_search_;
};

}  // namespace maillab::protocols::imap
