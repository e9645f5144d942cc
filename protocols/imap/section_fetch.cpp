#include "protocols/imap/section_fetch.hpp"

#include <algorithm>

#include "protocols/mime/ascii.hpp"
#include "protocols/mime/section.hpp"
#include "protocols/mime/transfer_decoding.hpp"

namespace maillab::protocols::imap {

namespace {

std::string_view header_bytes(std::string_view message, const mime::MimePart& part) {
    return message.substr(part.header_offset, part.header_size);
}

// The empty line that ends a header section, or "" when it had none.
std::string_view blank_line(std::string_view header) {
    if (header.ends_with("\r\n\r\n")) return "\r\n";
    if (header.ends_with("\n\n") || header == "\n") return "\n";
    if (header == "\r\n" || header.ends_with("\n\r\n")) return "\r\n";
    return {};
}

// One field with its continuation lines, starting at `offset` in `header`.
std::string_view field_bytes(std::string_view header, std::size_t offset) {
    std::size_t end = offset;
    while (end < header.size()) {
        const std::size_t lf = header.find('\n', end);
        end = lf == std::string_view::npos ? header.size() : lf + 1;
        if (end >= header.size() || (header[end] != ' ' && header[end] != '\t')) break;
    }
    return header.substr(offset, end - offset);
}

bool listed(const std::vector<std::string>& names, std::string_view name) {
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& wanted) { return mime::iequals(wanted, name); });
}

std::string header_fields(std::string_view message, const mime::MimePart& part,
                          const std::vector<std::string>& names, bool exclude) {
    const std::string_view header = header_bytes(message, part);
    const std::size_t fields_end = header.size() - blank_line(header).size();
    std::string out;
    for (const mime::HeaderField& field : part.headers.fields) {
        if (listed(names, field.name) == exclude || field.offset >= fields_end) continue;
        out += field_bytes(header.substr(0, fields_end), field.offset);
    }
    out += "\r\n";
    return out;
}

// HEADER, TEXT and HEADER.FIELDS address a message: the top one, or the one in a message/rfc822
// part.
const mime::MimePart* message_of(const mime::MimeTree& tree, std::size_t index, bool top) {
    const mime::MimePart& part = tree.parts[index];
    if (top) return &part;
    if (part.content_type.is_message_rfc822() && !part.children.empty()) {
        return &tree.parts[part.children.front()];
    }
    return nullptr;
}

}  // namespace

std::optional<std::size_t> find_part(const mime::MimeTree& tree,
                                     const std::vector<std::uint32_t>& numbers) {
    if (numbers.empty()) return tree.parts.empty() ? std::nullopt : std::optional<std::size_t>(0);
    std::string specifier;
    for (const std::uint32_t n : numbers) {
        if (!specifier.empty()) specifier += '.';
        specifier += std::to_string(n);
    }
    return mime::find_section(tree, specifier);
}

std::string section_content(std::string_view message, const mime::MimeTree& tree,
                            const Section& section) {
    const std::optional<std::size_t> index = find_part(tree, section.part);
    if (!index) return {};
    const mime::MimePart& part = tree.parts[*index];
    const bool top = section.part.empty();
    switch (section.text) {
        case SectionText::None:
            return lf_to_crlf(top ? message : mime::part_body(message, part));
        case SectionText::Mime:
            return top ? std::string{} : lf_to_crlf(header_bytes(message, part));
        case SectionText::Header:
        case SectionText::Text:
        case SectionText::HeaderFields:
        case SectionText::HeaderFieldsNot:
            break;
    }
    const mime::MimePart* embedded = message_of(tree, *index, top);
    if (embedded == nullptr) return {};
    if (section.text == SectionText::Header) return lf_to_crlf(header_bytes(message, *embedded));
    if (section.text == SectionText::Text) return lf_to_crlf(mime::part_body(message, *embedded));
    return lf_to_crlf(header_fields(message, *embedded, section.fields,
                                    section.text == SectionText::HeaderFieldsNot));
}

std::string lf_to_crlf(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
        out += text[i];
    }
    return out;
}

std::string apply_partial(std::string content, const std::optional<Partial>& partial) {
    if (!partial) return content;
    if (partial->origin >= content.size()) return {};
    return content.substr(partial->origin, partial->count);
}

}  // namespace maillab::protocols::imap
