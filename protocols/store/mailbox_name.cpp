#include "protocols/store/mailbox_name.hpp"

#include <algorithm>

namespace maillab::protocols::store {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

bool is_control(char c) {
    const auto octet = static_cast<unsigned char>(c);
    return octet < 0x20 || octet == 0x7f;
}

StoreError invalid(std::string detail) {
    return store_error(StoreErrorCode::InvalidName, std::move(detail));
}

}  // namespace

Result<std::string> canonical_mailbox_name(std::string_view name) {
    if (name.empty()) return invalid("the mailbox name is empty");
    if (name.size() > kMaxMailboxNameOctets) {
        return invalid("the mailbox name is longer than " + std::to_string(kMaxMailboxNameOctets) +
                       " octets");
    }
    if (std::any_of(name.begin(), name.end(), is_control)) {
        return invalid("the mailbox name contains a control character");
    }
    std::size_t depth = 0;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = name.find(kHierarchyDelimiter, start);
        const std::string_view part = name.substr(
            start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (part.empty()) return invalid("the mailbox name has an empty component");
        if (part == "." || part == "..") {
            return invalid("\".\" and \"..\" are not allowed as mailbox name components");
        }
        if (++depth > kMaxMailboxDepth) {
            return invalid("the mailbox name is nested deeper than " +
                           std::to_string(kMaxMailboxDepth) + " levels");
        }
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    std::string canonical(name);
    const std::size_t first_end = std::min(canonical.find(kHierarchyDelimiter), canonical.size());
    if (equals_ignoring_case(std::string_view(canonical).substr(0, first_end), kInbox)) {
        canonical.replace(0, first_end, kInbox);
    }
    return canonical;
}

bool is_inbox(std::string_view canonical_name) {
    return canonical_name == kInbox;
}

std::string parent_mailbox_name(std::string_view name) {
    const std::size_t cut = name.rfind(kHierarchyDelimiter);
    return cut == std::string_view::npos ? std::string() : std::string(name.substr(0, cut));
}

bool is_below(std::string_view name, std::string_view ancestor) {
    return name.size() > ancestor.size() + 1 && name.substr(0, ancestor.size()) == ancestor &&
           name[ancestor.size()] == kHierarchyDelimiter;
}

std::vector<std::string> superior_mailbox_names(std::string_view name) {
    std::vector<std::string> result;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == kHierarchyDelimiter) result.emplace_back(name.substr(0, i));
    }
    return result;
}

}  // namespace maillab::protocols::store
