// The header section of a message or MIME part (RFC 5322 §2.2): fields with
// their raw and unfolded values, and where the body starts.
//
// Rules for peer input (never an error, always a defined result):
// - Lines end in CRLF or a bare LF; both are accepted.
// - The header section ends at the first empty line (the body starts after
//   it) or at the end of the input (the body is then empty).
// - A line that is neither "name:value" nor a continuation (starts with SP or
//   HTAB) also ends the header section, and the body starts AT that line (no
//   empty line is consumed). This is what Python's email package and most mail
//   readers do; RFC 5322 §2.1 itself has no rule for it.
// - WSP between the field name and the colon is accepted (obs-optional, §4.5).
// - Lines longer than 998 octets (§2.1.1, a MUST for senders) are accepted and
//   counted; a single field is cut at kMaxFieldOctets and marked truncated.
// - After kMaxHeaderFields fields, further fields are dropped (counted), but
//   the header section is still scanned so the body offset is right.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace maillab::protocols::mime {

// RFC 5322 §2.1.1: a line MUST be at most 998 octets excluding CRLF.
inline constexpr std::size_t kRfcMaxLineOctets = 998;
// Hard cap on one field (name, colon and all its folded lines), far above what
// real mail uses but small enough that a hostile header cannot eat memory.
inline constexpr std::size_t kMaxFieldOctets = 64 * 1024;
// Fields kept per header section; real messages have a few dozen.
inline constexpr std::size_t kMaxHeaderFields = 1000;

struct HeaderField {
    std::string name;        // as written, e.g. "Subject"
    std::string raw_value;   // everything after the colon, folds and all
    std::string value;       // unfolded (§2.2.3) and trimmed of outer WSP
    std::size_t offset = 0;  // where the field's first line starts in the input
    bool truncated = false;  // longer than kMaxFieldOctets: raw_value was cut
};

struct HeaderBlock {
    std::vector<HeaderField> fields;
    std::size_t header_size = 0;      // octets of the header section incl. the empty line
    std::size_t body_offset = 0;      // == header_size: the body starts right after
    bool has_blank_line = false;      // the section ended with an empty line
    bool ended_at_malformed = false;  // a non-field line ended the section
    std::size_t dropped_fields = 0;   // fields beyond kMaxHeaderFields
    std::size_t long_lines = 0;       // lines over kRfcMaxLineOctets

    // Case-insensitive lookup by field name.
    const HeaderField* find(std::string_view name) const;
    std::vector<const HeaderField*> find_all(std::string_view name) const;
};

HeaderBlock parse_header_block(std::string_view bytes);

}  // namespace maillab::protocols::mime
