#include "protocols/mime/transfer_decoding.hpp"

#include "protocols/core/base64.hpp"
#include "protocols/mime/ascii.hpp"
#include "protocols/mime/charset.hpp"

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
        if (line[i] == '=' && i + 2 < line.size()) {
            const int hi = hex_value(line[i + 1]);
            const int lo = hex_value(line[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
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
        const std::size_t nl = text.find('\n', pos);
        const std::size_t line_end = nl == std::string_view::npos ? text.size() : nl;
        std::size_t content_end = line_end;
        if (content_end > pos && text[content_end - 1] == '\r') --content_end;
        const bool soft = decode_qp_line(text.substr(pos, content_end - pos), out);
        if (!soft && nl != std::string_view::npos)
            out += text.substr(content_end, nl + 1 - content_end);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
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
