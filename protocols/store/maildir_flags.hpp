// Flags in Maildir file names (the Maildir spec's ":2," info, as Dovecot
// writes it): letters in ASCII order, system flags first.
//
//   D \Draft   F \Flagged   P $Forwarded   R \Answered   S \Seen   T \Deleted
//   a..z       keywords, through the mailbox's "dovecot-keywords" file
//
// "dovecot-keywords" holds one "<index> <keyword>" line per keyword, index 0
// being letter 'a' (Dovecot's format, so Dovecot reads our keywords too).
// Unknown letters read from disk are ignored, as Dovecot does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "protocols/store/message_flags.hpp"

namespace maillab::protocols::store::maildir {

inline constexpr std::string_view kKeywordsFileName = "dovecot-keywords";
// Maildir's "passed" letter P is how mutt and Dovecot record forwarding.
inline constexpr std::string_view kForwardedKeyword = "$Forwarded";

// Keywords missing from `table` are left out (callers register them first).
std::string flags_to_letters(const Flags& flags, const std::vector<std::string>& table);
Flags letters_to_flags(std::string_view letters, const std::vector<std::string>& table);

std::string format_keywords_file(const std::vector<std::string>& table);
// Lines that do not parse, indexes past 'z' and invalid keywords are skipped.
std::vector<std::string> parse_keywords_file(std::string_view text);

}  // namespace maillab::protocols::store::maildir
