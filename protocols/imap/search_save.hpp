// SEARCHRES (RFC 5182): what SEARCH or SORT ... RETURN (SAVE) keeps as "$".
//
// - [x] SAVE alone, or with ALL or COUNT: every message found (§2.4)
// - [x] SAVE with MIN and/or MAX only: just the message(s) those name (§2.4);
//       for SORT the first and last in sort order, as ESORT answers them
// - [x] SAVE alone sends no ESEARCH answer (§2.4), only the tagged OK
// - [x] kept as UIDs, so expunged messages drop out and new ones do not come in (§2.1)
// The session keeps the result in its SelectedMailbox (reset by SELECT, EXAMINE,
// CLOSE, UNSELECT) and empties it when a SEARCH with SAVE fails (§2.1).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace maillab::protocols::imap {

bool has_return_option(const std::vector<std::string>& returns, std::string_view option);
// RETURN (SAVE): no ESEARCH answer at all.
bool save_only(const std::vector<std::string>& returns);
// `found` are UIDs in the answer's order (ascending for SEARCH, sort order for SORT).
std::vector<std::uint32_t> saved_result(const std::vector<std::uint32_t>& found,
                                        const std::vector<std::string>& returns);

}  // namespace maillab::protocols::imap
