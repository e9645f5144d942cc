// How a message's flags and origin read in the state panel: IMAP's system
// flags as words ("read", "flagged", "answered", "deleted", "draft"),
// unread as the absence of \Seen, and a device's copy as what it is — a
// POP3 download (POP3 has no flags) or an IMAP copy of the server's mailbox.
#pragma once

#include <string>
#include <string_view>

namespace maillab::viz {

// "\Seen \Flagged" → "read, flagged"; keywords other than the system flags
// are kept as they are; empty when there are none.
std::string flag_words(std::string_view flags);
// No \Seen among the flags.
bool is_unread(std::string_view flags);
// What a teacher says of a message with these flags: "unread" first when it
// is, then the other flags as words ("unread, flagged"; "read, answered").
std::string state_words(std::string_view flags);

enum class CopyOrigin { Pop3Download, ImapCopy, Unknown };

// From a device copy's key, "pop3 USER@SERVER UID" or "imap ACCOUNT MAILBOX UID".
CopyOrigin copy_origin(std::string_view key);
// The heading of a device's copies of one origin: "downloaded by POP3",
// "IMAP copy of the server's mailbox".
std::string_view origin_words(CopyOrigin origin);

}  // namespace maillab::viz
