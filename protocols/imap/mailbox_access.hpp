// MailboxAccess: the narrow view of the mail store the IMAP server session
// needs so far — which mailboxes a user has, and the state of one when it is
// selected. The store (protocols/store) implements it; tests use a small
// in-memory one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maillab::protocols::imap {

struct MailboxInfo {
    std::string name;                     // raw bytes as on the wire ("INBOX", "Sent")
    std::vector<std::string> attributes;  // \HasNoChildren \Noselect \Sent ...
    bool subscribed = false;
};

struct MailboxSnapshot {
    std::uint32_t uidvalidity = 0;
    std::uint32_t uidnext = 1;
    std::uint32_t exists = 0;
    std::uint32_t recent = 0;
    std::uint32_t unseen = 0;                   // messages without \Seen, for STATUS
    std::optional<std::uint32_t> first_unseen;  // sequence number
    std::vector<std::string> keywords;          // keywords in use, for FLAGS
    std::uint64_t highest_modseq = 0;           // 0: the mailbox keeps no mod-sequences
    bool writable = true;                       // false: the store only allows reading
};

enum class MailboxResult { Ok, NonExistent, AlreadyExists, Cannot, NoPerm, OverQuota };

class MailboxAccess {
public:
    virtual ~MailboxAccess() = default;
    // The hierarchy delimiter of the user's namespace.
    virtual char delimiter() const { return '/'; }
    virtual std::vector<MailboxInfo> mailboxes(std::string_view user) const = 0;
    // Nothing when the mailbox does not exist or cannot be selected.
    virtual std::optional<MailboxSnapshot> open(std::string_view user, std::string_view name) = 0;
    // Names reach these only after valid_new_mailbox_name (mailbox_name.hpp) for new names.
    virtual MailboxResult create(std::string_view user, std::string_view name) = 0;
    virtual MailboxResult remove(std::string_view user, std::string_view name) = 0;
    virtual MailboxResult rename(std::string_view user, std::string_view from,
                                 std::string_view to) = 0;
    virtual MailboxResult subscribe(std::string_view user, std::string_view name, bool on) = 0;
};

}  // namespace maillab::protocols::imap
