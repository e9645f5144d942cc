#include "protocols/imap/mailbox_name.hpp"

#include "protocols/mime/modified_utf7.hpp"

namespace maillab::protocols::imap {

bool valid_new_mailbox_name(std::string_view name, char delimiter) {
    if (name.empty() || name.size() > kMaxMailboxNameOctets) return false;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f || c == '%' || c == '*') return false;
    }
    // Every hierarchy level must be a real name: "a//b", "/a", "a/", "../x", "a/./b" are not.
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t end = name.find(delimiter, start);
        const std::string_view level = name.substr(
            start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (level.empty() || level == "." || level == "..") return false;
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    // One spelling per name: "&" must start a well-formed modified UTF-7 run (RFC 3501 §5.1.3).
    return mime::decode_modified_utf7(name).has_value();
}

}  // namespace maillab::protocols::imap
