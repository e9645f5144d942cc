#include "protocols/mime/transfer_decoding.hpp"

#include "protocols/core/base64.hpp"
#include "protocols/mime/ascii.hpp"
#include "protocols/mime/charset.hpp"
#include "protocols/mime/line_span.hpp"

namespace maillab::protocols::mime {

namespace {

// One line of quoted-printable without its line break.
// Returns whether it ended with a soft line break.
bool decode_qp_line(std::string_view line, std::string& out) {
    while (!line.empty() && is_wsp(line.back()))
        line.remove_suffix(1);
    bool soft_break = false;
    if (!line.empty() && line.back() == '=') {
        soft_break = true;
        line.remove_suffix(1);
    }
    for (std::size_t i = 0; i < line.size(); ++i) {
        const int byte = line[i] == '=' ? hex_byte(line, i + 1) : -1;
        if (byte >= 0) {
            out.push_back(static_cast<char>(byte));
            i += 2;
            continue;
        }
        out.push_back(line[i]);
    }
    return soft_break;
}

}  // namespace

std::string decode_quoted_printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const LineSpan line = line_at(text, pos);
        const bool soft = decode_qp_line(line.content(text), out);
        if (!soft) out += text.substr(line.content_end, line.next - line.content_end);
        pos = line.next;
    }
    return out;
}

std::string decode_transfer_encoding(std::string_view body, std::string_view encoding) {
    if (iequals(encoding, "base64")) return core::decode_base64_lenient(body);
    if (iequals(encoding, "quoted-printable")) return decode_quoted_printable(body);
    return std::string{body};
}

std::string_view part_body(std::string_view message, const MimePart& part) {
    if (part.body_offset > message.size()) return {};
    return message.substr(part.body_offset, part.body_size);
}

std::string decode_body(std::string_view message, const MimePart& part) {
    return decode_transfer_encoding(part_body(message, part), part.transfer_encoding);
}

std::string decode_text(std::string_view message, const MimePart& part) {
    const std::string bytes = decode_body(message, part);
    const std::string* charset = part.content_type.param("charset");
    if (charset == nullptr) return sanitize_utf8(bytes);
    return charset_to_utf8(*charset, bytes).value_or(sanitize_utf8(bytes));
}

}  // namespace maillab::protocols::mime
