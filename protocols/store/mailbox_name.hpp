// Mailbox name rules, enforced here and nowhere else.
//
// Names are '/'-separated paths stored as given (modified UTF-7 is IMAP's
// job, RFC 3501 §5.1.3). INBOX is case-insensitive (RFC 3501 §5.1), also as
// the first component of a child ("inbox/x" is "INBOX/x"). Refused: empty
// names and components, "." and "..", a leading or trailing '/', NUL, CR, LF
// and other control characters, names longer than kMaxMailboxNameOctets and
// deeper than kMaxMailboxDepth. These refusals are what keep a name from
// escaping the Maildir root ("../x", "a/../../b").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/store/store_result.hpp"

namespace maillab::protocols::store {

inline constexpr char kHierarchyDelimiter = '/';
inline constexpr std::string_view kInbox = "INBOX";

// A Maildir++ folder is one directory entry named "." + the escaped name and
// escaping turns one octet into at most three ("%2E"); 1 + 3 * 84 = 253 keeps
// every valid name under the 255-octet file name limit of Linux file systems.
inline constexpr std::size_t kMaxMailboxNameOctets = 84;
inline constexpr std::size_t kMaxMailboxDepth = 16;

// Validates a name and returns its canonical spelling (INBOX upper-cased).
Result<std::string> canonical_mailbox_name(std::string_view name);

bool is_inbox(std::string_view canonical_name);

// "a/b/c" -> "a/b"; a top-level name has the empty parent.
std::string parent_mailbox_name(std::string_view name);

// True when `name` lies strictly below `ancestor` ("a/b" is below "a").
bool is_below(std::string_view name, std::string_view ancestor);

// "a/b/c" -> {"a", "a/b"}: every superior name of `name`.
std::vector<std::string> superior_mailbox_names(std::string_view name);

}  // namespace maillab::protocols::store
