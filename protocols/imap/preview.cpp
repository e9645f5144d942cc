#include "protocols/imap/preview.hpp"

#include <array>
#include <vector>

#include "protocols/imap/lexer.hpp"
#include "protocols/mime/transfer_decoding.hpp"

namespace maillab::protocols::imap {

namespace {

struct Entity {
    std::string_view name;
    std::string_view text;
};

constexpr std::array<Entity, 6> kEntities = {{
    {"&amp;", "&"},
    {"&lt;", "<"},
    {"&gt;", ">"},
    {"&quot;", "\""},
    {"&#39;", "'"},
    {"&nbsp;", " "},
}};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view prefix) {
    return text.size() - at >= prefix.size() && iequals(text.substr(at, prefix.size()), prefix);
}

// The offset after the element that `<name` opened, or the end of the text.
std::size_t skip_element(std::string_view html, std::size_t at, std::string_view close) {
    for (std::size_t i = at; i < html.size(); ++i) {
        if (starts_with_ci(html, i, close)) {
            const std::size_t end = html.find('>', i);
            return end == std::string_view::npos ? html.size() : end + 1;
        }
    }
    return html.size();
}

}  // namespace

std::string html_to_text(std::string_view html) {
    std::string out;
    std::size_t i = 0;
    while (i < html.size()) {
        const char c = html[i];
        if (c == '<') {
            std::size_t next = 0;
            if (html.substr(i).starts_with("<!--")) {
                const std::size_t end = html.find("-->", i + 4);
                next = end == std::string_view::npos ? html.size() : end + 3;
            } else if (starts_with_ci(html, i, "<script")) {
                next = skip_element(html, i + 7, "</script");
            } else if (starts_with_ci(html, i, "<style")) {
                next = skip_element(html, i + 6, "</style");
            } else {
                const std::size_t end = html.find('>', i);
                next = end == std::string_view::npos ? html.size() : end + 1;
            }
            out += ' ';  // a tag separates words (<br>, <p>, </td>)
            i = next;
            continue;
        }
        if (c == '&') {
            bool decoded = false;
            for (const Entity& e : kEntities) {
                if (starts_with_ci(html, i, e.name)) {
                    out += e.text;
                    i += e.name.size();
                    decoded = true;
                    break;
                }
            }
            if (decoded) continue;
        }
        out += c;
        ++i;
    }
    return out;
}

std::string preview_of_text(std::string_view text) {
    std::string out;
    std::size_t characters = 0;
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        const bool starts_character = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        if (starts_character) {
            if (characters + (pending_space ? 1 : 0) >= kMaxPreviewCharacters) break;
            if (pending_space) {
                out += ' ';
                ++characters;
                pending_space = false;
            }
            ++characters;
        }
        out += c;
    }
    return out;
}

std::string message_preview(const MessageView& view) {
    const mime::MimeTree& tree = view.tree();
    // Document order: a stack of parts still to visit, children pushed last-first.
    std::vector<std::size_t> pending{0};
    while (!pending.empty()) {
        const std::size_t index = pending.back();
        pending.pop_back();
        const mime::MimePart& part = tree.parts[index];
        if (!part.children.empty()) {
            pending.insert(pending.end(), part.children.rbegin(), part.children.rend());
            continue;
        }
        if (part.content_type.type != "text") continue;
        const bool html = part.content_type.subtype == "html";
        if (!html && part.content_type.subtype != "plain") continue;
        const std::string text = mime::decode_text(view.bytes(), part);
        return preview_of_text(html ? html_to_text(text) : text);
    }
    return {};
}

}  // namespace maillab::protocols::imap
