// The RFC 9051 (IMAP4rev2) counterpart of each RFC 3501 (IMAP4rev1) section the
// explanations cite, so that a session that enabled IMAP4rev2 cites the RFC it
// speaks: "RFC 3501 §6.3.1" (SELECT) becomes "RFC 9051 §6.3.2". Where rev2
// dropped what a section defined (CHECK, RECENT) the counterpart is RFC 9051
// Appendix E, which lists what changed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace maillab::protocols::imap {

// Every mapped RFC 3501 section ("6.3.1") with its RFC 9051 counterpart ("6.3.2").
const std::vector<std::pair<std::string_view, std::string_view>>& rfc9051_sections();

// The counterpart of an RFC 3501 section number, or nothing when it is not mapped.
std::optional<std::string_view> rfc9051_section(std::string_view rfc3501_section);

// `reference` with every "RFC 3501 §a, §b" cited as RFC 9051; an unmapped section
// keeps its RFC 3501 citation (a test makes sure there is none).
std::string cite_rfc9051(std::string_view reference);

}  // namespace maillab::protocols::imap
