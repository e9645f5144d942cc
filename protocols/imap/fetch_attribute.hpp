// FETCH data items (RFC 3501 §6.4.5, §9 "fetch-att"): the macros ALL, FAST
// and FULL (expanded here), ENVELOPE, FLAGS, INTERNALDATE, RFC822,
// RFC822.HEADER, RFC822.SIZE, RFC822.TEXT, BODY, BODYSTRUCTURE, UID,
// MODSEQ (RFC 7162), BODY[section]<partial>, BODY.PEEK[section]<partial>,
// BINARY[part]<partial>, BINARY.PEEK, BINARY.SIZE (RFC 3516), PREVIEW with the
// optional "(LAZY)" modifier (RFC 8970 §3) and SAVEDATE (RFC 8514 §4.1).
// Sections: part numbers "1.2.3", HEADER, HEADER.FIELDS (list),
// HEADER.FIELDS.NOT (list), TEXT, MIME (only after a part number).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocols/imap/lexer.hpp"

namespace maillab::protocols::imap {

// Deepest MIME part path a section may name ("1.2.3..." has 3).
inline constexpr std::size_t kMaxSectionParts = 32;
// Most header field names one HEADER.FIELDS list may hold.
inline constexpr std::size_t kMaxHeaderFields = 256;
// Most data items one FETCH may ask for.
inline constexpr std::size_t kMaxFetchAttributes = 64;

enum class FetchItem {
    Envelope,
    Flags,
    InternalDate,
    Rfc822,
    Rfc822Header,
    Rfc822Size,
    Rfc822Text,
    Body,  // BODY without a section: the non-extensible BODYSTRUCTURE
    BodyStructure,
    Uid,
    ModSeq,
    BodySection,  // BODY[...] / BODY.PEEK[...]
    Binary,       // BINARY[...] / BINARY.PEEK[...]
    BinarySize,   // BINARY.SIZE[...]
    Preview,      // PREVIEW, PREVIEW (LAZY)
    SaveDate,     // SAVEDATE
};

enum class SectionText { None, Header, HeaderFields, HeaderFieldsNot, Text, Mime };

struct Section {
    std::vector<std::uint32_t> part;  // "1.2.3" -> {1, 2, 3}; empty for the whole message
    SectionText text = SectionText::None;
    std::vector<std::string> fields;  // HEADER.FIELDS (.NOT) names, as sent

    bool operator==(const Section&) const = default;
};

struct Partial {
    std::uint32_t origin = 0;
    std::uint32_t count = 0;  // nz-number

    bool operator==(const Partial&) const = default;
};

struct FetchAttribute {
    FetchItem item = FetchItem::Flags;
    bool peek = false;  // BODY.PEEK / BINARY.PEEK: do not set \Seen
    bool lazy = false;  // PREVIEW (LAZY): the server may answer NIL rather than compute
    Section section;
    std::optional<Partial> partial;

    bool operator==(const FetchAttribute&) const = default;
};

// fetch-att list after "FETCH set SP": a macro, one item, or "(" items ")".
std::optional<std::vector<FetchAttribute>> parse_fetch_attributes(Lexer& lexer);

// The name as echoed in a FETCH response: "BODY[HEADER.FIELDS (SUBJECT)]<0>".
std::string fetch_attribute_name(const FetchAttribute& attribute);

}  // namespace maillab::protocols::imap
