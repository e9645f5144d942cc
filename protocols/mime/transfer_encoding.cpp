#include "protocols/mime/transfer_encoding.hpp"

#include "protocols/core/base64.hpp"
#include "protocols/mime/line_span.hpp"

namespace maillab::protocols::mime {

namespace {

constexpr std::string_view kHex = "0123456789ABCDEF";

std::string escape(unsigned char c) {
    return {'=', kHex[c >> 4], kHex[c & 0x0F]};
}

void encode_qp_line(std::string_view line, std::string& out) {
    std::size_t length = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        const bool last = i + 1 == line.size();
        const bool literal =
            (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
        const std::string token = literal ? std::string(1, line[i]) : escape(c);
        // Room for the token and, unless the line ends here, a soft break "=".
        const std::size_t room = kMaxEncodedLineChars - (last ? 0 : 1);
        if (length + token.size() > room) {
            out += "=\r\n";
            length = 0;
        }
        out += token;
        length += token.size();
    }
}

}  // namespace

std::string encode_base64_body(std::string_view bytes) {
    const std::string encoded = core::encode_base64(bytes);
    std::string out;
    out.reserve(encoded.size() + encoded.size() / kMaxEncodedLineChars * 2 + 2);
    for (std::size_t i = 0; i < encoded.size(); i += kMaxEncodedLineChars) {
        out += std::string_view{encoded}.substr(i, kMaxEncodedLineChars);
        out += "\r\n";
    }
    return out;
}

std::string encode_quoted_printable(std::string_view text) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const LineSpan line = line_at(text, pos);
        // A CR at the very end is data, not half of a line break.
        encode_qp_line(
            line.terminated ? line.content(text) : text.substr(line.begin, line.next - line.begin),
            out);
        if (line.terminated) out += "\r\n";
        pos = line.next;
    }
    return out;
}

}  // namespace maillab::protocols::mime
