// The comparison key SORT and THREAD collate strings by: i;unicode-casemap
// (RFC 5051), the collation I18NLEVEL=1 (RFC 5255 §4) makes the default and
// RFC 5256 §1 requires of a SORT/THREAD server. Two strings are equal under
// the collation when their keys are equal octet for octet, and order as their
// keys order (octet by octet, shorter first).
//
// RFC 5051 §2: each character is mapped to its titlecase form, then the
// result is decomposed (NFKD).
// - [x] UTF-8 decoded; an invalid octet becomes U+FFFD (RFC 5051 §2 step 1)
// - [x] titlecase (simple mapping) for Basic Latin, Latin-1 Supplement,
//       Latin Extended-A, Greek and Coptic (basic letters and tonos), Cyrillic
//       (U+0400-U+045F); ASCII keys equal i;ascii-casemap's
// - [x] decomposition of the Latin-1 letters (É -> E U+0301, so accented
//       letters sort beside their base letter), Ÿ, and NO-BREAK SPACE -> SPACE
// - [ ] not yet: the full Unicode titlecase and NFKD tables (other scripts
//       keep their case; other precomposed characters stay composed)
#pragma once

#include <string>
#include <string_view>

namespace maillab::protocols::imap {

// The collation key of UTF-8 text (itself UTF-8).
std::string casemap_key(std::string_view utf8);

}  // namespace maillab::protocols::imap
