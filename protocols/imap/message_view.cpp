#include "protocols/imap/message_view.hpp"

#include "protocols/imap/body_structure.hpp"
#include "protocols/imap/envelope.hpp"
#include "protocols/imap/section_fetch.hpp"
#include "protocols/mime/date_time.hpp"
#include "protocols/mime/encoded_words.hpp"
#include "protocols/mime/transfer_decoding.hpp"

namespace maillab::protocols::imap {

namespace {

// RFC 3516 §4.3: only these encodings can be undone; anything else is UNKNOWN-CTE.
// Text in 7bit or 8bit goes out with CRLF line ends like BODY[]; "binary" stays exactly as stored.
std::optional<std::string> decode_known(std::string_view body, std::string_view encoding) {
    if (encoding == "7bit" || encoding == "8bit") return lf_to_crlf(body);
    if (encoding == "binary" || encoding == "base64" || encoding == "quoted-printable") {
        return mime::decode_transfer_encoding(body, encoding);
    }
    return std::nullopt;
}

}  // namespace

MessageView::MessageView(std::string_view bytes) : bytes_(bytes), tree_(mime::parse_mime(bytes)) {}

std::string MessageView::envelope() const {
    return envelope_of(tree_.root().headers);
}

std::string MessageView::body_structure(bool extensible) const {
    return body_structure_of(bytes_, tree_, 0, extensible);
}

std::string MessageView::section(const Section& section,
                                 const std::optional<Partial>& partial) const {
    return apply_partial(section_content(bytes_, tree_, section), partial);
}

std::optional<std::string> MessageView::binary(const Section& section,
                                               const std::optional<Partial>& partial) const {
    if (section.text != SectionText::None) return std::nullopt;
    const std::optional<std::size_t> index = find_part(tree_, section.part);
    if (!index) return std::nullopt;
    if (section.part.empty()) return apply_partial(lf_to_crlf(bytes_), partial);
    const mime::MimePart& part = tree_.parts[*index];
    std::optional<std::string> decoded =
        decode_known(mime::part_body(bytes_, part), part.transfer_encoding);
    if (!decoded) return std::nullopt;
    return apply_partial(std::move(*decoded), partial);
}

std::optional<std::uint64_t> MessageView::binary_size(const Section& section) const {
    const std::optional<std::string> content = binary(section, std::nullopt);
    if (!content) return std::nullopt;
    return content->size();
}

std::vector<std::string> MessageView::header_values(std::string_view field) const {
    std::vector<std::string> values;
    for (const mime::HeaderField* found : tree_.root().headers.find_all(field)) {
        values.push_back(mime::decode_encoded_words(found->value));
    }
    return values;
}

std::string MessageView::body_text() const {
    std::string text;
    // Document order: a stack of parts still to visit, children pushed last-first.
    std::vector<std::size_t> pending{0};
    while (!pending.empty()) {
        const std::size_t index = pending.back();
        pending.pop_back();
        const mime::MimePart& part = tree_.parts[index];
        if (!part.children.empty()) {
            pending.insert(pending.end(), part.children.rbegin(), part.children.rend());
            continue;
        }
        if (part.content_type.type != "text") continue;
        if (!text.empty()) text += "\r\n";
        text += mime::decode_text(bytes_, part);
    }
    return text;
}

std::string MessageView::full_text() const {
    std::string text;
    for (const mime::HeaderField& field : tree_.root().headers.fields) {
        text += field.name;
        text += ": ";
        text += mime::decode_encoded_words(field.value);
        text += "\r\n";
    }
    text += "\r\n";
    text += body_text();
    return text;
}

std::optional<Date> MessageView::sent_date() const {
    const mime::HeaderField* field = tree_.root().headers.find("Date");
    if (field == nullptr) return std::nullopt;
    const std::optional<mime::MailDate> date = mime::parse_rfc5322_date(field->value);
    if (!date) return std::nullopt;
    // The IMAP date-time form is written in the sender's zone: its date part is the one SEARCH
    // uses.
    const std::optional<DateTime> local = parse_date_time_text(mime::format_imap_date_time(*date));
    if (!local) return std::nullopt;
    return local->date;
}

MessageFacts message_facts(const MessageView& view, std::uint32_t seq, std::uint32_t uid) {
    MessageFacts facts;
    facts.seq = seq;
    facts.uid = uid;
    facts.sent_date = view.sent_date();
    facts.header = [&view](std::string_view field) { return view.header_values(field); };
    facts.body_text = [&view] { return view.body_text(); };
    facts.full_text = [&view] { return view.full_text(); };
    return facts;
}

}  // namespace maillab::protocols::imap
