#include "protocols/imap/message_ids.hpp"

namespace maillab::protocols::imap {

namespace {

bool is_fws(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Skips a comment "( ... )" with nesting and quoted pairs; pos is at "(".
std::size_t skip_comment(std::string_view value, std::size_t pos) {
    std::size_t depth = 0;
    for (; pos < value.size(); ++pos) {
        const char c = value[pos];
        if (c == '\\') {
            ++pos;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')' && --depth == 0) {
            return pos + 1;
        }
    }
    return value.size();
}

bool valid_id(std::string_view id) {
    // id holds "<...>"; id-left and id-right must both be there.
    const std::size_t at = id.find('@');
    return id.size() <= kMaxMessageIdOctets && at != std::string_view::npos && at > 1 &&
           at + 2 < id.size();
}

}  // namespace

std::vector<std::string> parse_message_ids(std::string_view value) {
    std::vector<std::string> ids;
    std::size_t pos = 0;
    while (pos < value.size()) {
        const char c = value[pos];
        if (c == '(') {
            pos = skip_comment(value, pos);
            continue;
        }
        if (c != '<') {
            ++pos;
            continue;
        }
        const std::size_t close = value.find('>', pos);
        if (close == std::string_view::npos) break;
        // "<junk <a@b>": the ID starts at the last "<" before its ">".
        const std::size_t open = value.rfind('<', close);
        std::string id;
        for (std::size_t i = open; i <= close; ++i) {
            if (!is_fws(value[i])) id += value[i];
        }
        if (valid_id(id)) ids.push_back(std::move(id));
        pos = close + 1;
    }
    return ids;
}

ThreadHeaders thread_headers(const mime::HeaderBlock& headers) {
    ThreadHeaders out;
    if (const mime::HeaderField* field = headers.find("Message-ID")) {
        std::vector<std::string> ids = parse_message_ids(field->value);
        if (!ids.empty()) out.message_id = std::move(ids.front());
    }
    if (const mime::HeaderField* field = headers.find("References")) {
        out.references = parse_message_ids(field->value);
    }
    if (out.references.empty()) {
        if (const mime::HeaderField* field = headers.find("In-Reply-To")) {
            std::vector<std::string> ids = parse_message_ids(field->value);
            if (!ids.empty()) out.references.push_back(std::move(ids.front()));
        }
    }
    if (out.references.size() > kMaxReferences) {
        out.references.erase(out.references.begin(),
                             out.references.end() - static_cast<std::ptrdiff_t>(kMaxReferences));
    }
    return out;
}

}  // namespace maillab::protocols::imap
