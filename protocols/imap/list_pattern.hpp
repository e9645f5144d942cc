// LIST/LSUB name patterns (RFC 3501 §6.3.8): "*" matches any run of
// characters, "%" any run without the hierarchy delimiter; "INBOX" matches
// in any case. Matching is a table walk over pattern positions, so its cost
// is bounded by pattern length times name length, never exponential.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace maillab::protocols::imap {

// Longest reference+pattern the server will match; longer ones get BAD.
inline constexpr std::size_t kMaxListPatternOctets = 1024;

// Joins reference and pattern the simple way RFC 3501 §6.3.8 describes.
std::string list_canonical_pattern(std::string_view reference, std::string_view pattern);

bool list_pattern_matches(std::string_view pattern, std::string_view name, char delimiter);

}  // namespace maillab::protocols::imap
