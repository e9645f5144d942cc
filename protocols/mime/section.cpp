#include "protocols/mime/section.hpp"

#include "protocols/mime/ascii.hpp"

namespace maillab::protocols::mime {

namespace {

bool has_parts(const MimePart& part) {
    return part.content_type.is_multipart() && !part.children.empty();
}

}  // namespace

std::optional<std::size_t> find_section(const MimeTree& tree, std::string_view numbers) {
    if (tree.parts.empty() || numbers.empty()) return std::nullopt;
    std::size_t current = 0;
    std::size_t steps = 0;
    std::size_t pos = 0;
    while (pos <= numbers.size()) {
        std::size_t dot = numbers.find('.', pos);
        if (dot == std::string_view::npos) dot = numbers.size();
        const std::string_view digits = numbers.substr(pos, dot - pos);
        if (digits.empty() || digits.size() > kMaxSectionNumberDigits) {
            return std::nullopt;
        }
        std::size_t n = 0;
        for (const char c : digits) {
            if (!is_digit(c)) return std::nullopt;
            n = n * 10 + static_cast<std::size_t>(c - '0');
        }
        if (n == 0) return std::nullopt;
        const MimePart* part = &tree.parts[current];
        // A message (the top one, or one just entered) that is not multipart
        // has exactly one part: itself.
        bool is_message = ++steps == 1;
        if (!is_message && part->content_type.is_message_rfc822() && !part->children.empty()) {
            current = part->children.front();
            part = &tree.parts[current];
            is_message = true;
        }
        if (has_parts(*part)) {
            if (n > part->children.size()) return std::nullopt;
            current = part->children[n - 1];
        } else if (n != 1 || !is_message) {
            return std::nullopt;
        }
        pos = dot + 1;
    }
    return current;
}

}  // namespace maillab::protocols::mime
