#include "protocols/imap/binary_append.hpp"

#include <algorithm>
#include <vector>

#include "protocols/core/base64.hpp"
#include "protocols/imap/lexer.hpp"
#include "protocols/mime/mime_tree.hpp"

namespace maillab::protocols::imap {

namespace {

struct Edit {
    std::size_t offset = 0;
    std::size_t length = 0;
    std::string text;
};

std::string wrapped_base64(std::string_view body) {
    const std::string encoded = core::encode_base64(body);
    std::string out;
    for (std::size_t i = 0; i < encoded.size(); i += kBase64LineLength) {
        if (i > 0) out += "\r\n";
        out += encoded.substr(i, kBase64LineLength);
    }
    return out;
}

// The Content-Transfer-Encoding field of `part` replaced (or added) by base64.
Edit encoding_field(std::string_view message, const mime::MimePart& part) {
    const std::string field = "Content-Transfer-Encoding: base64\r\n";
    const auto& fields = part.headers.fields;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (!iequals(fields[i].name, "Content-Transfer-Encoding")) continue;
        const std::size_t start = part.header_offset + fields[i].offset;
        std::size_t end = 0;
        if (i + 1 < fields.size()) {
            end = part.header_offset + fields[i + 1].offset;
        } else {
            // The last field ends where the empty line starts.
            end = part.header_offset + part.header_size;
            const std::string_view head = message.substr(0, end);
            if (head.ends_with("\r\n\r\n")) {
                end -= 2;
            } else if (head.ends_with("\n\n")) {
                end -= 1;
            }
        }
        return {start, end - start, field};
    }
    return {part.header_offset, 0, field};
}

}  // namespace

std::optional<std::string> binary_store_form(std::string_view message) {
    if (message.find('\0') == std::string_view::npos) return std::string{message};
    const mime::MimeTree tree = mime::parse_mime(message);
    std::vector<Edit> edits;
    std::size_t nul_in_leaves = 0;
    for (const mime::MimePart& part : tree.parts) {
        if (!part.children.empty()) continue;
        const std::string_view body = message.substr(part.body_offset, part.body_size);
        const auto nuls = static_cast<std::size_t>(std::count(body.begin(), body.end(), '\0'));
        if (nuls == 0) continue;
        nul_in_leaves += nuls;
        edits.push_back(encoding_field(message, part));
        edits.push_back({part.body_offset, part.body_size, wrapped_base64(body)});
    }
    const auto all = static_cast<std::size_t>(std::count(message.begin(), message.end(), '\0'));
    if (nul_in_leaves != all) return std::nullopt;
    std::sort(edits.begin(), edits.end(),
              [](const Edit& a, const Edit& b) { return a.offset > b.offset; });
    std::string out{message};
    for (const Edit& e : edits)
        out.replace(e.offset, e.length, e.text);
    return out;
}

}  // namespace maillab::protocols::imap
