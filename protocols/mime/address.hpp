// Address lists (RFC 5322 §3.4): From, To, Cc, Bcc, Reply-To, Sender.
//
// Done: mailbox (addr-spec and name-addr), display names from atoms, quoted
// strings and RFC 2047 encoded words, comments skipped (a comment after a bare
// addr-spec becomes the name, as in "jdoe@example.org (John Doe)"), groups
// including the empty "undisclosed-recipients:;", obs-route ("<@a,@b:x@c>",
// kept for IMAP's adl), obs-phrase with dots, domain literals, CFWS anywhere.
// Lenient: a mailbox without "@" keeps its local part with an empty domain; a
// missing ">" or ";" is supplied; junk up to the next "," is skipped; each of
// these marks the entry invalid. Not done: RFC 6532 checks of UTF-8 local parts.
//
// The result is flat, in the order IMAP ENVELOPE needs (RFC 3501 §7.4.2): a
// group is a GroupStart entry, its mailboxes, then a GroupEnd entry.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace maillab::protocols::mime {

// Entries kept per list; a header with more loses the rest (counted).
inline constexpr std::size_t kMaxAddresses = 1000;

struct Address {
    enum class Kind { Mailbox, GroupStart, GroupEnd };
    Kind kind = Kind::Mailbox;
    std::string name;          // display name as written, quotes removed, not decoded
    std::string display_name;  // `name` with encoded words decoded (UTF-8)
    std::string route;         // obs-route, e.g. "@relay1,@relay2"; usually empty
    std::string local_part;    // unquoted
    std::string domain;        // empty if the address had none
    std::string group;         // GroupStart and mailboxes in a group: the group's name
    bool valid = true;         // false if the parser had to guess or skip something

    // "local@domain", or just the local part when there is no domain.
    std::string addr_spec() const;
};

struct AddressList {
    std::vector<Address> entries;
    std::size_t dropped = 0;  // entries beyond kMaxAddresses

    // Only the mailboxes, without group markers.
    std::vector<const Address*> mailboxes() const;
};

// Parses an unfolded header value (HeaderField::value).
AddressList parse_address_list(std::string_view value);

}  // namespace maillab::protocols::mime
