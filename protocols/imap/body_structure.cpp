#include "protocols/imap/body_structure.hpp"

#include <algorithm>
#include <optional>

#include "protocols/imap/envelope.hpp"
#include "protocols/imap/response_writer.hpp"
#include "protocols/mime/ascii.hpp"
#include "protocols/mime/content_type.hpp"
#include "protocols/mime/transfer_decoding.hpp"

namespace maillab::protocols::imap {

namespace {

constexpr std::string_view kEmptyBody =
    R"(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0))";
constexpr std::string_view kEmptyBodyStructure =
    R"(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0 NIL NIL NIL NIL))";

std::optional<std::string> non_empty(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return text;
}

// `lowered` is mime's lower-case reading of a token that opens `raw`; the
// token as the sender wrote it when it is there, else `lowered`.
std::string as_sent(std::string_view raw, std::string_view lowered) {
    raw = mime::trim_wsp(raw);
    if (raw.size() >= lowered.size() && mime::iequals(raw.substr(0, lowered.size()), lowered)) {
        return std::string(raw.substr(0, lowered.size()));
    }
    return std::string(lowered);
}

std::string_view raw_field(const mime::MimePart& part, std::string_view name) {
    const mime::HeaderField* field = part.headers.find(name);
    return field == nullptr ? std::string_view{} : std::string_view(field->value);
}

// mime keeps parameter names in lower case; Dovecot sends them as written,
// so look for the name where a parameter can start in the raw value.
std::string param_name_as_sent(std::string_view raw, std::string_view lowered) {
    const auto starts_param = [&](std::size_t at) {
        return at == 0 || raw[at - 1] == ';' || mime::is_wsp(raw[at - 1]);
    };
    const auto ends_name = [&](std::size_t at) {
        return at == raw.size() || raw[at] == '=' || raw[at] == '*' || mime::is_wsp(raw[at]);
    };
    for (std::size_t at = 0; at + lowered.size() <= raw.size(); ++at) {
        if (starts_param(at) && ends_name(at + lowered.size()) &&
            mime::iequals(raw.substr(at, lowered.size()), lowered)) {
            return std::string(raw.substr(at, lowered.size()));
        }
    }
    return std::string(lowered);
}

// NIL for no strings, else "(" string *(SP string) ")".
void write_string_list(std::string& out, const std::vector<std::string>& strings) {
    if (strings.empty()) {
        out += "NIL";
        return;
    }
    out += '(';
    for (std::size_t i = 0; i < strings.size(); ++i) {
        if (i > 0) out += ' ';
        write_string(out, strings[i]);
    }
    out += ')';
}

// body-fld-param: name and value pairs; `raw` is the header value they came from.
void write_params(std::string& out, const std::vector<mime::MimeParameter>& params,
                  std::string_view raw) {
    std::vector<std::string> strings;
    for (const mime::MimeParameter& param : params) {
        strings.push_back(param_name_as_sent(raw, param.name));
        strings.push_back(param.value);
    }
    write_string_list(out, strings);
}

void write_disposition(std::string& out, const mime::MimePart& part) {
    if (!part.disposition.valid) {
        out += "NIL";
        return;
    }
    out += '(';
    write_string(out, as_sent(raw_field(part, "Content-Disposition"), part.disposition.value));
    out += ' ';
    write_params(out, part.disposition.params, raw_field(part, "Content-Disposition"));
    out += ')';
}

// Content-Language (RFC 3282) is a comma-separated list of tags.
void write_language(std::string& out, std::string_view value) {
    std::vector<std::string> tags;
    std::size_t pos = 0;
    while (pos < value.size()) {
        std::size_t comma = value.find(',', pos);
        if (comma == std::string_view::npos) comma = value.size();
        const std::string_view tag = mime::trim_wsp(value.substr(pos, comma - pos));
        if (!tag.empty()) tags.emplace_back(tag);
        pos = comma + 1;
    }
    write_string_list(out, tags);
}

void write_common_extension(std::string& out, const mime::MimePart& part) {
    out += ' ';
    write_disposition(out, part);
    out += ' ';
    write_language(out, part.language);
    out += ' ';
    write_nstring(out, non_empty(part.location));
}

std::size_t count_lf(std::string_view body) {
    return static_cast<std::size_t>(std::count(body.begin(), body.end(), '\n'));
}

void write_part(std::string& out, std::string_view message, const mime::MimeTree& tree,
                std::size_t index, bool extensible);

void write_multipart(std::string& out, std::string_view message, const mime::MimeTree& tree,
                     const mime::MimePart& part, bool extensible) {
    for (const std::size_t child : part.children)
        write_part(out, message, tree, child, extensible);
    out += ' ';
    const std::string_view raw_type = raw_field(part, "Content-Type");
    const std::size_t slash = raw_type.find('/');
    const std::string_view raw_subtype =
        slash == std::string_view::npos ? std::string_view{} : raw_type.substr(slash + 1);
    write_string(out, as_sent(raw_subtype, part.content_type.subtype));
    if (!extensible) return;
    out += ' ';
    write_params(out, part.content_type.params, raw_type);
    write_common_extension(out, part);
}

void write_single(std::string& out, std::string_view message, const mime::MimeTree& tree,
                  const mime::MimePart& part, bool extensible) {
    const bool rfc822 = part.content_type.is_message_rfc822() && !part.children.empty();
    const bool text = part.content_type.type == "text";
    if (rfc822) {
        out += "\"message\" \"rfc822\"";
    } else {
        // A demoted part's header says something else; its text/plain is mime's reading.
        const std::string_view raw_type =
            part.demoted ? std::string_view{} : raw_field(part, "Content-Type");
        const std::string type = as_sent(raw_type, part.content_type.type);
        const std::size_t slash = raw_type.find('/');
        const std::string_view raw_subtype =
            slash == std::string_view::npos ? std::string_view{} : raw_type.substr(slash + 1);
        write_string(out, type);
        out += ' ';
        write_string(out, as_sent(raw_subtype, part.content_type.subtype));
    }
    out += ' ';
    if (part.content_type.params.empty() && text) {
        out += "(\"charset\" \"us-ascii\")";
    } else {
        write_params(out, part.content_type.params,
                     part.demoted ? std::string_view{} : raw_field(part, "Content-Type"));
    }
    out += ' ';
    write_nstring(out, non_empty(part.content_id));
    out += ' ';
    write_nstring(out, non_empty(part.description));
    out += ' ';
    write_string(out,
                 as_sent(raw_field(part, "Content-Transfer-Encoding"), part.transfer_encoding));
    out += ' ';
    out += std::to_string(part.body_size_crlf);
    const std::string_view body = mime::part_body(message, part);
    if (rfc822) {
        const mime::MimePart& embedded = tree.parts[part.children.front()];
        out += ' ';
        out += envelope_of(embedded.headers);
        out += ' ';
        write_part(out, message, tree, part.children.front(), extensible);
        out += ' ';
        out += std::to_string(count_lf(body));
    } else if (text) {
        out += ' ';
        out += std::to_string(count_lf(body));
    }
    if (!extensible) return;
    out += ' ';
    write_nstring(out, non_empty(part.md5));
    write_common_extension(out, part);
}

// A multipart without any body part (no boundary, or no delimiter line):
// Dovecot describes it as a multipart holding one empty text/plain part.
void write_empty_multipart(std::string& out, const mime::MimePart& part, bool extensible) {
    const std::string_view raw_type = raw_field(part, "Content-Type");
    const mime::ContentType declared = mime::parse_content_type(raw_type, "text", "plain");
    out += extensible ? kEmptyBodyStructure : kEmptyBody;
    out += ' ';
    const std::size_t slash = raw_type.find('/');
    write_string(out, as_sent(slash == std::string_view::npos ? std::string_view{}
                                                              : raw_type.substr(slash + 1),
                              declared.subtype));
    if (!extensible) return;
    out += ' ';
    write_params(out, declared.params, raw_type);
    write_common_extension(out, part);
}

void write_part(std::string& out, std::string_view message, const mime::MimeTree& tree,
                std::size_t index, bool extensible) {
    const mime::MimePart& part = tree.parts[index];
    out += '(';
    if (part.content_type.is_multipart() && !part.children.empty()) {
        write_multipart(out, message, tree, part, extensible);
    } else if (part.demoted && part.declared_type.starts_with("multipart/")) {
        write_empty_multipart(out, part, extensible);
    } else {
        write_single(out, message, tree, part, extensible);
    }
    out += ')';
}

}  // namespace

std::string body_structure_of(std::string_view message, const mime::MimeTree& tree,
                              std::size_t index, bool extensible) {
    std::string out;
    if (index >= tree.parts.size()) return out;
    write_part(out, message, tree, index, extensible);
    return out;
}

}  // namespace maillab::protocols::imap
