#include "protocols/mime/mime_tree.hpp"

#include <algorithm>

#include "protocols/mime/ascii.hpp"
#include "protocols/mime/line_span.hpp"

namespace maillab::protocols::mime {

namespace {

struct Segment {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// Where the delimiters of one multipart body put its parts.
struct Split {
    std::vector<Segment> parts;
    Segment preamble;
    Segment epilogue;
    bool closed = false;
};

void count_lines(std::string_view body, MimePart& part) {
    std::size_t lf = 0;
    std::size_t bare_lf = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\n') continue;
        ++lf;
        if (i == 0 || body[i - 1] != '\r') ++bare_lf;
    }
    part.body_lines = lf + ((!body.empty() && body.back() != '\n') ? 1 : 0);
    part.body_size_crlf = body.size() + bare_lf;
}

// 0: not a delimiter, 1: "--boundary", 2: "--boundary--" (RFC 2046 §5.1.1).
int delimiter_kind(std::string_view line, std::string_view boundary) {
    if (line.size() < boundary.size() + 2 || line.substr(0, 2) != "--" ||
        line.substr(2, boundary.size()) != boundary) {
        return 0;
    }
    std::string_view rest = line.substr(boundary.size() + 2);
    int kind = 1;
    if (rest.substr(0, 2) == "--") {
        kind = 2;
        rest.remove_prefix(2);
    }
    for (const char c : rest) {
        if (!is_wsp(c)) return 0;
    }
    return kind;
}

Split split_multipart(std::string_view message, Segment body, std::string_view boundary) {
    Split split;
    std::size_t pos = body.begin;
    std::size_t part_begin = 0;
    bool in_part = false;
    while (pos < body.end) {
        const LineSpan line = line_at(message, pos, body.end);
        const std::size_t next = line.next;
        const int kind = delimiter_kind(line.content(message), boundary);
        if (kind != 0) {
            // The line break before a delimiter belongs to the delimiter.
            std::size_t before = pos;
            if (before > body.begin && message[before - 1] == '\n') --before;
            if (before > body.begin && message[before - 1] == '\r') --before;
            if (in_part) {
                split.parts.push_back({part_begin, std::max(part_begin, before)});
            } else {
                split.preamble = {body.begin, before};
            }
            if (kind == 2) {
                split.closed = true;
                split.epilogue = {next, body.end};
                return split;
            }
            in_part = true;
            part_begin = next;
        }
        pos = next;
    }
    if (in_part) split.parts.push_back({part_begin, body.end});
    return split;
}

std::string field_value(const HeaderBlock& headers, std::string_view name) {
    const HeaderField* field = headers.find(name);
    return field == nullptr ? std::string{} : field->value;
}

void demote(MimePart& part) {
    part.demoted = true;
    part.preamble_size = 0;
    part.epilogue_size = 0;
    part.content_type = ContentType{};
    part.content_type.params.push_back(MimeParameter{"charset", "us-ascii", {}, {}});
}

// Reads the header of a part whose range is already known and fills in
// everything but its children.
void describe_part(std::string_view message, Segment range, bool in_digest, MimePart& part) {
    const std::string_view bytes = message.substr(range.begin, range.end - range.begin);
    part.headers = parse_header_block(bytes);
    part.header_offset = range.begin;
    part.header_size = part.headers.header_size;
    part.body_offset = range.begin + part.header_size;
    part.body_size = range.end - part.body_offset;
    count_lines(message.substr(part.body_offset, part.body_size), part);

    const HeaderField* type_field = part.headers.find("Content-Type");
    const std::string_view default_type = in_digest ? "message" : "text";
    const std::string_view default_subtype = in_digest ? "rfc822" : "plain";
    part.content_type = parse_content_type(type_field == nullptr ? "" : type_field->value,
                                           default_type, default_subtype);
    if (part.content_type.valid) {
        part.declared_type = part.content_type.mime_type();
    } else if (!in_digest) {
        part.content_type.params.push_back(MimeParameter{"charset", "us-ascii", {}, {}});
    }
    const std::string encoding =
        to_lower_ascii(trim_wsp(field_value(part.headers, "Content-Transfer-Encoding")));
    if (!encoding.empty()) part.transfer_encoding = encoding;
    if (const HeaderField* disposition = part.headers.find("Content-Disposition")) {
        part.disposition = parse_parameterized_value(disposition->value, false);
    }
    part.content_id = field_value(part.headers, "Content-ID");
    part.description = field_value(part.headers, "Content-Description");
    part.language = field_value(part.headers, "Content-Language");
    part.location = field_value(part.headers, "Content-Location");
    part.md5 = field_value(part.headers, "Content-MD5");
}

bool identity_encoding(std::string_view encoding) {
    return encoding == "7bit" || encoding == "8bit" || encoding == "binary";
}

}  // namespace

MimeTree parse_mime(std::string_view message) {
    MimeTree tree;
    tree.parts.emplace_back();
    std::vector<std::pair<std::size_t, Segment>> work{{0, Segment{0, message.size()}}};
    while (!work.empty()) {
        const auto [index, range] = work.back();
        work.pop_back();
        const std::size_t parent = tree.parts[index].parent;
        const bool in_digest = parent != kNoParent &&
                               tree.parts[parent].content_type.is_multipart() &&
                               tree.parts[parent].content_type.subtype == "digest";
        describe_part(message, range, in_digest, tree.parts[index]);
        MimePart& part = tree.parts[index];
        const bool container =
            part.content_type.is_multipart() || part.content_type.is_message_rfc822();
        if (!container) continue;
        if (part.depth + 1 >= kMaxNestingDepth) {
            tree.hit_depth_limit = true;
            demote(part);
            continue;
        }
        const Segment body{part.body_offset, part.body_offset + part.body_size};
        std::vector<Segment> children;
        if (part.content_type.is_message_rfc822()) {
            if (identity_encoding(part.transfer_encoding)) children.push_back(body);
        } else if (const std::string* boundary = part.content_type.param("boundary");
                   boundary != nullptr && !boundary->empty()) {
            Split split = split_multipart(message, body, *boundary);
            part.preamble_offset = split.preamble.begin;
            part.preamble_size = split.preamble.end - split.preamble.begin;
            part.epilogue_offset = split.epilogue.begin;
            part.epilogue_size = split.epilogue.end - split.epilogue.begin;
            part.has_close_delimiter = split.closed;
            children = std::move(split.parts);
        }
        const std::size_t room = kMaxParts - tree.parts.size();
        if (children.size() > room) {
            tree.hit_part_limit = true;
            if (room == 0) {
                children.clear();
            } else {
                // The last part that fits absorbs the rest of the body.
                children[room - 1].end = children.back().end;
                children.resize(room);
            }
        }
        if (children.empty()) {
            demote(part);
            continue;
        }
        const std::size_t depth = part.depth;
        for (const Segment& child : children) {
            const std::size_t child_index = tree.parts.size();
            tree.parts[index].children.push_back(child_index);
            MimePart& created = tree.parts.emplace_back();
            created.depth = depth + 1;
            created.parent = index;
            work.emplace_back(child_index, child);
        }
    }
    return tree;
}

}  // namespace maillab::protocols::mime
