#include "protocols/mime/header_block.hpp"

#include <algorithm>

#include "protocols/mime/ascii.hpp"
#include "protocols/mime/line_span.hpp"

namespace maillab::protocols::mime {

namespace {

bool valid_field_name(std::string_view name) {
    if (name.empty()) return false;
    return std::all_of(name.begin(), name.end(), [](char c) { return c >= 33 && c <= 126; });
}

// Removes the line breaks of folded lines (RFC 5322 §2.2.3); a bare CR that is
// not part of a line break is kept.
std::string unfold(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\n') continue;
        if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
        out.push_back(raw[i]);
    }
    return std::string{trim_wsp(out)};
}

// The field being collected: spans into the input, turned into strings once
// the field's last line is known.
struct OpenField {
    std::size_t start = 0;
    std::size_t name_end = 0;
    std::size_t value_start = 0;
    std::size_t value_end = 0;
};

void close_field(std::string_view bytes, const OpenField& open, HeaderBlock& block) {
    HeaderField field;
    field.offset = open.start;
    field.name = std::string{bytes.substr(open.start, open.name_end - open.start)};
    std::size_t end = open.value_end;
    if (end - open.start > kMaxFieldOctets) {
        end = open.start + kMaxFieldOctets;
        field.truncated = true;
    }
    const std::size_t value_start = std::min(open.value_start, end);
    field.raw_value = std::string{bytes.substr(value_start, end - value_start)};
    field.value = unfold(field.raw_value);
    block.fields.push_back(std::move(field));
}

}  // namespace

HeaderBlock parse_header_block(std::string_view bytes) {
    HeaderBlock block;
    enum class State { None, Kept, Dropped } state = State::None;
    OpenField open;
    std::size_t pos = 0;
    const auto finish_field = [&] {
        if (state == State::Kept) close_field(bytes, open, block);
        state = State::None;
    };
    while (pos < bytes.size()) {
        const LineSpan span = line_at(bytes, pos);
        const std::size_t next = span.next;
        const std::size_t content_end = span.content_end;
        const std::string_view line = span.content(bytes);
        if (line.size() > kRfcMaxLineOctets) ++block.long_lines;

        if (line.empty()) {
            finish_field();
            block.has_blank_line = span.terminated;
            pos = next;
            break;
        }
        if (is_wsp(line.front())) {
            if (state == State::None) {
                block.ended_at_malformed = true;
                break;
            }
            open.value_end = content_end;
            pos = next;
            continue;
        }
        const std::size_t colon = line.find(':');
        std::string_view name = colon == std::string_view::npos ? line : line.substr(0, colon);
        while (!name.empty() && is_wsp(name.back()))
            name.remove_suffix(1);
        if (colon == std::string_view::npos || !valid_field_name(name)) {
            finish_field();
            block.ended_at_malformed = true;
            break;
        }
        finish_field();
        if (block.fields.size() >= kMaxHeaderFields) {
            ++block.dropped_fields;
            state = State::Dropped;
        } else {
            open = OpenField{pos, pos + name.size(), pos + colon + 1, content_end};
            state = State::Kept;
        }
        pos = next;
    }
    finish_field();
    block.header_size = pos;
    block.body_offset = pos;
    return block;
}

const HeaderField* HeaderBlock::find(std::string_view name) const {
    for (const auto& field : fields) {
        if (iequals(field.name, name)) return &field;
    }
    return nullptr;
}

std::vector<const HeaderField*> HeaderBlock::find_all(std::string_view name) const {
    std::vector<const HeaderField*> out;
    for (const auto& field : fields) {
        if (iequals(field.name, name)) out.push_back(&field);
    }
    return out;
}

}  // namespace maillab::protocols::mime
