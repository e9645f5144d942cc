#include "protocols/imap/fetch_attribute.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace maillab::protocols::imap {

namespace {

struct ItemSpec {
    std::string_view name;
    FetchItem item;
    bool peek;
    bool has_section;  // the name must be followed by "[...]"
};

constexpr std::array<ItemSpec, 18> kItems = {{
    {"ENVELOPE", FetchItem::Envelope, false, false},
    {"FLAGS", FetchItem::Flags, false, false},
    {"INTERNALDATE", FetchItem::InternalDate, false, false},
    {"RFC822", FetchItem::Rfc822, false, false},
    {"RFC822.HEADER", FetchItem::Rfc822Header, false, false},
    {"RFC822.SIZE", FetchItem::Rfc822Size, false, false},
    {"RFC822.TEXT", FetchItem::Rfc822Text, false, false},
    {"BODY", FetchItem::Body, false, false},
    {"BODYSTRUCTURE", FetchItem::BodyStructure, false, false},
    {"UID", FetchItem::Uid, false, false},
    {"MODSEQ", FetchItem::ModSeq, false, false},
    {"BODY", FetchItem::BodySection, false, true},
    {"BODY.PEEK", FetchItem::BodySection, true, true},
    {"BINARY", FetchItem::Binary, false, true},
    {"BINARY.PEEK", FetchItem::Binary, true, true},
    {"BINARY.SIZE", FetchItem::BinarySize, false, true},
    {"PREVIEW", FetchItem::Preview, false, false},
    {"SAVEDATE", FetchItem::SaveDate, false, false},
}};

FetchAttribute simple(FetchItem item) {
    return FetchAttribute{.item = item};
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool section_text_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.';
}

bool header_list(Lexer& lx, std::vector<std::string>& fields) {
    return lx.sp() && lx.parenthesised(kMaxHeaderFields, false, [&] {
        auto name = lx.astring();
        if (name) fields.push_back(std::move(*name));
        return name.has_value();
    });
}

bool section_text(Lexer& lx, Section& section, bool after_part) {
    std::string word;
    while (section_text_char(lx.peek())) {
        word.push_back(lx.peek());
        lx.consume(lx.peek());
    }
    word = to_upper_ascii(word);
    if (word == "HEADER") {
        section.text = SectionText::Header;
    } else if (word == "TEXT") {
        section.text = SectionText::Text;
    } else if (word == "MIME" && after_part) {
        section.text = SectionText::Mime;
    } else if (word == "HEADER.FIELDS" || word == "HEADER.FIELDS.NOT") {
        section.text =
            word == "HEADER.FIELDS" ? SectionText::HeaderFields : SectionText::HeaderFieldsNot;
        return header_list(lx, section.fields);
    } else {
        return lx.fail("Invalid section");
    }
    return true;
}

bool section(Lexer& lx, Section& out, bool binary) {
    if (!lx.expect('[')) return false;
    if (lx.consume(']')) return true;
    if (is_digit(lx.peek())) {
        do {
            if (out.part.size() == kMaxSectionParts) return lx.fail("Section part too deep");
            auto n = lx.nz_number();
            if (!n) return false;
            out.part.push_back(*n);
            if (lx.peek() != '.') break;
            lx.consume('.');
            if (!is_digit(lx.peek())) {
                if (binary || !section_text(lx, out, true))
                    return binary ? lx.fail("Invalid section") : false;
                break;
            }
        } while (true);
    } else if (binary || !section_text(lx, out, false)) {
        return binary ? lx.fail("BINARY takes only a part number") : false;
    }
    return lx.expect(']');
}

bool partial(Lexer& lx, FetchAttribute& att) {
    if (!lx.consume('<')) return true;
    auto origin = lx.number();
    if (!origin || !lx.expect('.')) return false;
    auto count = lx.nz_number();
    if (!count || !lx.expect('>')) return false;
    att.partial = Partial{*origin, *count};
    return true;
}

// PREVIEW's modifier list "(LAZY)" (RFC 8970 §3). A "(" that does not start with
// LAZY is left alone: it may be the FETCH modifiers, as in "PREVIEW (CHANGEDSINCE 1)".
bool preview_modifiers(Lexer& lx, FetchAttribute& att) {
    const std::string_view rest = lx.remaining();
    if (rest.size() < 7 || rest.substr(0, 2) != " (" || !iequals(rest.substr(2, 4), "LAZY") ||
        (rest[6] != ')' && rest[6] != ' ')) {
        return true;
    }
    lx.consume(' ');
    return lx.parenthesised(1, false, [&] {
        if (!lx.keyword("LAZY")) return static_cast<bool>(lx.fail("Unknown PREVIEW modifier"));
        att.lazy = true;
        return true;
    });
}

std::optional<FetchAttribute> one(Lexer& lx) {
    std::string name;
    while (is_atom_char(lx.peek()) && lx.peek() != '[') {
        name.push_back(lx.peek());
        lx.consume(lx.peek());
    }
    name = to_upper_ascii(name);
    const bool bracket = lx.peek() == '[';
    for (const ItemSpec& spec : kItems) {
        if (spec.name != name || spec.has_section != bracket) continue;
        FetchAttribute att{.item = spec.item, .peek = spec.peek};
        if (spec.has_section) {
            const bool binary = spec.item != FetchItem::BodySection;
            if (!section(lx, att.section, binary)) return std::nullopt;
            if (spec.item != FetchItem::BinarySize && !partial(lx, att)) return std::nullopt;
        }
        if (spec.item == FetchItem::Preview && !preview_modifiers(lx, att)) return std::nullopt;
        return att;
    }
    return lx.fail("Unknown FETCH attribute");
}

}  // namespace

std::optional<std::vector<FetchAttribute>> parse_fetch_attributes(Lexer& lx) {
    std::vector<FetchAttribute> out;
    if (lx.keyword("ALL")) {
        return std::vector<FetchAttribute>{
            simple(FetchItem::Flags), simple(FetchItem::InternalDate),
            simple(FetchItem::Rfc822Size), simple(FetchItem::Envelope)};
    }
    if (lx.keyword("FAST")) {
        return std::vector<FetchAttribute>{simple(FetchItem::Flags),
                                           simple(FetchItem::InternalDate),
                                           simple(FetchItem::Rfc822Size)};
    }
    if (lx.keyword("FULL")) {
        return std::vector<FetchAttribute>{
            simple(FetchItem::Flags), simple(FetchItem::InternalDate),
            simple(FetchItem::Rfc822Size), simple(FetchItem::Envelope), simple(FetchItem::Body)};
    }
    const auto add = [&] {
        auto att = one(lx);
        if (att) out.push_back(std::move(*att));
        return att.has_value();
    };
    const bool ok = lx.peek() == '(' ? lx.parenthesised(kMaxFetchAttributes, false, add) : add();
    if (!ok) return std::nullopt;
    return out;
}

std::string fetch_attribute_name(const FetchAttribute& att) {
    for (const ItemSpec& spec : kItems) {
        if (spec.item != att.item || spec.peek) continue;
        std::string out{spec.name};
        if (!spec.has_section) return out;
        out += '[';
        for (std::size_t i = 0; i < att.section.part.size(); ++i) {
            if (i > 0) out += '.';
            out += std::to_string(att.section.part[i]);
        }
        const bool dot = !att.section.part.empty() && att.section.text != SectionText::None;
        if (dot) out += '.';
        switch (att.section.text) {
            case SectionText::None:
                break;
            case SectionText::Header:
                out += "HEADER";
                break;
            case SectionText::Text:
                out += "TEXT";
                break;
            case SectionText::Mime:
                out += "MIME";
                break;
            case SectionText::HeaderFields:
            case SectionText::HeaderFieldsNot: {
                out += att.section.text == SectionText::HeaderFields ? "HEADER.FIELDS ("
                                                                     : "HEADER.FIELDS.NOT (";
                for (std::size_t i = 0; i < att.section.fields.size(); ++i) {
                    if (i > 0) out += ' ';
                    out += to_upper_ascii(att.section.fields[i]);
                }
                out += ')';
                break;
            }
        }
        out += ']';
        // The response names only the origin of a partial fetch (RFC 3501 §7.4.2).
        if (att.partial) out += '<' + std::to_string(att.partial->origin) + '>';
        return out;
    }
    return "?";
}

}  // namespace maillab::protocols::imap
