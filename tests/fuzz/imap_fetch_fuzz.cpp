// Fuzz target for protocols/imap/message_view: builds a MessageView from the
// input and asks it for every FETCH item and SEARCH fact, with sections
// that exist in most messages and some that do not. Checks the invariants
// the server relies on: balanced structure lists, partials within their
// section, BINARY.SIZE equal to the BINARY content's size.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/imap/message_view.hpp"

namespace imap = maillab::protocols::imap;

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

// Parentheses outside quoted strings and literals must balance.
bool balanced(std::string_view text) {
    long depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] == '\\') ++i;
            }
        } else if (c == '{') {
            const std::size_t close = text.find('}', i);
            if (close == std::string_view::npos) return false;
            const std::size_t length = std::stoul(std::string(text.substr(i + 1, close - i - 1)));
            i = close + 2 + length;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')' && --depth < 0) {
            return false;
        }
    }
    return depth == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const imap::MessageView view(bytes);
    require(balanced(view.envelope()));
    require(balanced(view.body_structure(true)));
    require(balanced(view.body_structure(false)));

    const std::vector<std::vector<std::uint32_t>> parts = {
        {}, {1}, {2}, {1, 1}, {1, 2}, {2, 1}, {2, 1, 1}, {3, 2, 1}, {4000000000U}};
    const std::vector<imap::SectionText> texts = {
        imap::SectionText::None,         imap::SectionText::Header,
        imap::SectionText::HeaderFields, imap::SectionText::HeaderFieldsNot,
        imap::SectionText::Text,         imap::SectionText::Mime};
    for (const auto& numbers : parts) {
        for (const imap::SectionText text : texts) {
            const imap::Section section{numbers, text, {"From", "subject", "X-Nothing"}};
            const std::string whole = view.section(section, std::nullopt);
            const std::string piece = view.section(section, imap::Partial{3, 10});
            require(piece.size() <= 10);
            require(whole.size() <= 3 || whole.substr(3, 10) == piece);
        }
        const imap::Section plain{numbers, imap::SectionText::None, {}};
        const std::optional<std::string> binary = view.binary(plain, std::nullopt);
        const std::optional<std::uint64_t> binary_size = view.binary_size(plain);
        require(binary.has_value() == binary_size.has_value());
        require(!binary || binary->size() == *binary_size);
        (void)view.binary(plain, imap::Partial{1, 2});
    }
    (void)view.header_values("Subject");
    (void)view.header_values("received");
    (void)view.body_text();
    (void)view.full_text();
    (void)view.sent_date();
    return 0;
}
