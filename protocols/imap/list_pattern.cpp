#include "protocols/imap/list_pattern.hpp"

#include <vector>

#include "protocols/imap/lexer.hpp"

namespace maillab::protocols::imap {

namespace {

bool starts_with_inbox(std::string_view s) {
    return s.size() >= 5 && iequals(s.substr(0, 5), "INBOX") && (s.size() == 5 || s[5] == '/');
}

// "inbox/x" -> "INBOX/x", so INBOX compares in any case as RFC 3501 §5.1 wants.
std::string normalise_inbox(std::string_view s) {
    std::string out{s};
    if (starts_with_inbox(s)) out.replace(0, 5, "INBOX");
    return out;
}

}  // namespace

std::string list_canonical_pattern(std::string_view reference, std::string_view pattern) {
    return std::string{reference} + std::string{pattern};
}

bool list_pattern_matches(std::string_view raw_pattern, std::string_view raw_name, char delimiter) {
    if (raw_pattern.size() > kMaxListPatternOctets) return false;
    const std::string pattern = normalise_inbox(raw_pattern);
    const std::string name = normalise_inbox(raw_name);
    // reach[j]: the first pattern characters consumed so far can end at name position j.
    std::vector<char> reach(name.size() + 1, 0);
    reach[0] = 1;
    for (char p : pattern) {
        std::vector<char> next(name.size() + 1, 0);
        if (p == '*') {
            // Everything from the first reachable position on is reachable.
            bool on = false;
            for (std::size_t j = 0; j <= name.size(); ++j)
                next[j] = (on = on || reach[j]);
            reach.swap(next);
            continue;
        }
        for (std::size_t j = 0; j <= name.size(); ++j) {
            if (!reach[j]) continue;
            if (p == '%') {
                next[j] = 1;
                for (std::size_t k = j; k < name.size() && name[k] != delimiter; ++k) {
                    if (next[k + 1]) break;  // already extended from an earlier start
                    next[k + 1] = 1;
                }
            } else if (j < name.size() && name[j] == p) {
                next[j + 1] = 1;
            }
        }
        reach.swap(next);
    }
    return reach[name.size()] != 0;
}

}  // namespace maillab::protocols::imap
