// Fuzz target for protocols/mime: parses a whole message, walks the tree,
// decodes every body and every header field the engines read, and checks
// the invariants the tests rely on (ranges inside the input, valid UTF-8).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "protocols/core/utf8.hpp"
#include "protocols/mime/ascii.hpp"
#include "protocols/mime/mime.hpp"

namespace mime = maillab::protocols::mime;

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

void exercise_headers(const mime::HeaderBlock& headers) {
    for (const auto& field : headers.fields) {
        require(maillab::protocols::core::is_valid_utf8(mime::decode_encoded_words(field.value)));
        if (mime::iequals(field.name, "From") || mime::iequals(field.name, "To") ||
            mime::iequals(field.name, "Cc") || mime::iequals(field.name, "Reply-To")) {
            const auto list = mime::parse_address_list(field.value);
            require(list.entries.size() <= mime::kMaxAddresses);
        } else if (mime::iequals(field.name, "Date")) {
            if (const auto date = mime::parse_rfc5322_date(field.value)) {
                require(mime::parse_rfc5322_date(mime::format_rfc5322_date(*date)) == date);
            }
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view message{reinterpret_cast<const char*>(data), size};
    const mime::MimeTree tree = mime::parse_mime(message);
    require(!tree.parts.empty() && tree.parts.size() <= mime::kMaxParts);
    for (const auto& part : tree.parts) {
        require(part.depth < mime::kMaxNestingDepth);
        require(part.body_offset + part.body_size <= size);
        require(part.headers.fields.size() <= mime::kMaxHeaderFields);
        exercise_headers(part.headers);
        (void)mime::decode_body(message, part);
        require(maillab::protocols::core::is_valid_utf8(mime::decode_text(message, part)));
    }
    for (const std::string_view section : {"1", "2", "1.1", "1.2.1", "3.1.2.1"}) {
        if (const auto index = mime::find_section(tree, section)) {
            require(*index < tree.parts.size());
        }
    }
    if (message.find('\n') == std::string_view::npos) {
        require(mime::decode_quoted_printable(mime::encode_quoted_printable(message)) == message);
    }
    require(mime::decode_transfer_encoding(mime::encode_base64_body(message), "base64") == message);
    if (maillab::protocols::core::is_valid_utf8(message)) {
        require(mime::decode_encoded_words(mime::encode_header_text(message)) == message);
        // Whatever the value, a written field stays one field.
        const std::string field = mime::format_header_field("Subject", message);
        require(mime::parse_header_block(field + "\r\n").fields.size() == 1);
    }
    return 0;
}
