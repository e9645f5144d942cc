// Fuzz target for IMAP modified UTF-7 (RFC 3501 §5.1.3): whatever decodes
// must encode back to the same bytes (one spelling per name), and valid UTF-8
// must survive encode + decode.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "protocols/mime/modified_utf7.hpp"

namespace mime = maillab::protocols::mime;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input{reinterpret_cast<const char*>(data), size};
    if (const auto decoded = mime::decode_modified_utf7(input)) {
        if (mime::encode_modified_utf7(*decoded) != input) std::abort();
    }
    if (const auto encoded = mime::encode_modified_utf7(input)) {
        if (mime::decode_modified_utf7(*encoded) != input) std::abort();
    }
    return 0;
}
