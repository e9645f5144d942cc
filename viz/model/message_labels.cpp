#include "viz/model/message_labels.hpp"

#include <utility>

namespace maillab::viz {

namespace {

constexpr std::pair<std::string_view, std::string_view> kFlagWords[] = {
    {"\\Seen", "read"},       {"\\Flagged", "flagged"}, {"\\Answered", "answered"},
    {"\\Deleted", "deleted"}, {"\\Draft", "draft"},     {"\\Recent", "new"},
};
constexpr std::string_view kSeen = "\\Seen";

// Calls `each` with every space-separated word of `text`.
template <typename Each>
void for_each_word(std::string_view text, Each each) {
    while (!text.empty()) {
        const std::size_t space = text.find(' ');
        const std::string_view word = text.substr(0, space);
        if (!word.empty()) each(word);
        if (space == std::string_view::npos) break;
        text.remove_prefix(space + 1);
    }
}

}  // namespace

std::string flag_words(std::string_view flags) {
    std::string out;
    for_each_word(flags, [&out](std::string_view flag) {
        std::string_view word = flag;
        for (const auto& [name, words] : kFlagWords) {
            if (name == flag) word = words;
        }
        out += (out.empty() ? "" : ", ") + std::string{word};
    });
    return out;
}

bool is_unread(std::string_view flags) {
    bool seen = false;
    for_each_word(flags, [&seen](std::string_view flag) { seen = seen || flag == kSeen; });
    return !seen;
}

std::string state_words(std::string_view flags) {
    const std::string words = flag_words(flags);
    if (!is_unread(flags)) return words;
    return words.empty() ? "unread" : "unread, " + words;
}

CopyOrigin copy_origin(std::string_view key) {
    if (key.substr(0, 5) == "pop3 ") return CopyOrigin::Pop3Download;
    if (key.substr(0, 5) == "imap ") return CopyOrigin::ImapCopy;
    return CopyOrigin::Unknown;
}

std::string_view origin_words(CopyOrigin origin) {
    switch (origin) {
        case CopyOrigin::Pop3Download:
            return "downloaded by POP3";
        case CopyOrigin::ImapCopy:
            return "IMAP copy of the server's mailbox";
        case CopyOrigin::Unknown:
            return "other copies";
    }
    return {};
}

}  // namespace maillab::viz
