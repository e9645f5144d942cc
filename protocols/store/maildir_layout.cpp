#include "protocols/store/maildir_layout.hpp"

#include "protocols/store/mailbox_name.hpp"

namespace maillab::protocols::store::maildir {
namespace {

constexpr std::string_view kHexDigits = "0123456789ABCDEF";

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

}  // namespace

std::string folder_directory_name(std::string_view mailbox) {
    if (is_inbox(mailbox)) return "";
    std::string entry = ".";
    for (const char c : mailbox) {
        if (c == kHierarchyDelimiter) {
            entry += '.';
        } else if (c == '.' || c == '%') {
            const auto octet = static_cast<unsigned char>(c);
            entry += '%';
            entry += kHexDigits[octet >> 4];
            entry += kHexDigits[octet & 0x0f];
        } else {
            entry += c;
        }
    }
    return entry;
}

std::optional<std::string> mailbox_from_directory_name(std::string_view entry) {
    if (entry.size() < 2 || entry[0] != '.') return std::nullopt;
    std::string name;
    for (std::size_t i = 1; i < entry.size(); ++i) {
        const char c = entry[i];
        if (c == '.') {
            name += kHierarchyDelimiter;
        } else if (c == '%') {
            if (i + 2 >= entry.size()) return std::nullopt;
            const int high = hex_value(entry[i + 1]);
            const int low = hex_value(entry[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            name += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            name += c;
        }
    }
    auto canonical = canonical_mailbox_name(name);
    if (!canonical || is_inbox(canonical.value())) return std::nullopt;
    // Only the canonical spelling maps back to this entry; anything else is foreign.
    if (folder_directory_name(canonical.value()) != entry) return std::nullopt;
    return canonical.value();
}

std::filesystem::path mailbox_directory(const std::filesystem::path& account_dir,
                                        std::string_view mailbox) {
    const std::string entry = folder_directory_name(mailbox);
    return entry.empty() ? account_dir : account_dir / entry;
}

std::string_view location_file_name(std::string_view location) {
    const std::size_t slash = location.find('/');
    return slash == std::string_view::npos ? location : location.substr(slash + 1);
}

std::string_view base_name(std::string_view file_name) {
    return file_name.substr(0, file_name.find(':'));
}

std::optional<std::string_view> info_letters(std::string_view file_name) {
    const std::size_t at = file_name.find(kInfoSeparator);
    if (at == std::string_view::npos) return std::nullopt;
    return file_name.substr(at + kInfoSeparator.size());
}

std::string safe_host_name(std::string_view host) {
    std::string safe;
    for (const char c : host) {
        if (c == '/') {
            safe += "\\057";
        } else if (c == ':') {
            safe += "\\072";
        } else {
            safe += c;
        }
    }
    return safe.empty() ? std::string("localhost") : safe;
}

std::string unique_file_name(std::int64_t seconds, std::int64_t micros, std::int64_t pid,
                             std::uint64_t sequence, std::string_view host, std::uint64_t size) {
    return std::to_string(seconds) + ".M" + std::to_string(micros) + "P" + std::to_string(pid) +
           "Q" + std::to_string(sequence) + "." + safe_host_name(host) +
           ",S=" + std::to_string(size);
}

}  // namespace maillab::protocols::store::maildir
