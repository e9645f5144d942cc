#include "protocols/mime/header_writer.hpp"

#include <algorithm>

#include "protocols/mime/ascii.hpp"
#include "protocols/mime/encoded_words.hpp"
#include "protocols/mime/header_lexer.hpp"

namespace maillab::protocols::mime {

std::string format_header_field(std::string_view name, std::string_view utf8_value) {
    const std::string value = encode_header_text(utf8_value);
    std::string out{name};
    out += ":";
    std::size_t line_length = out.size();
    std::size_t i = 0;
    while (i < value.size()) {
        // One unit: the whitespace before a word and the word itself.
        std::size_t word = i;
        while (word < value.size() && is_wsp(value[word]))
            ++word;
        std::size_t end = word;
        while (end < value.size() && !is_wsp(value[end]))
            ++end;
        std::string_view space = std::string_view{value}.substr(i, word - i);
        const std::string_view text = std::string_view{value}.substr(word, end - word);
        if (space.empty()) space = " ";
        if (line_length > name.size() + 1 &&
            line_length + space.size() + text.size() > kFoldLineOctets) {
            out += "\r\n";
            line_length = 0;
        }
        out += space;
        out += text;
        line_length += space.size() + text.size();
        i = end;
    }
    out += "\r\n";
    return out;
}

std::string format_address(std::string_view utf8_display_name, std::string_view addr_spec) {
    std::string out;
    if (!utf8_display_name.empty()) {
        const bool ascii =
            std::all_of(utf8_display_name.begin(), utf8_display_name.end(), [](char c) {
                const auto u = static_cast<unsigned char>(c);
                return u >= 0x20 && u < 0x7F;
            });
        const bool plain =
            ascii && utf8_display_name.find_first_of(kAddressSpecials) == std::string_view::npos &&
            utf8_display_name.find("=?") == std::string_view::npos;
        if (!ascii) {
            out += encode_as_encoded_words(utf8_display_name);
        } else if (plain) {
            out += utf8_display_name;
        } else {
            out.push_back('"');
            for (const char c : utf8_display_name) {
                if (c == '"' || c == '\\') out.push_back('\\');
                out.push_back(c);
            }
            out.push_back('"');
        }
        out += " ";
    }
    out.push_back('<');
    out += addr_spec;
    out.push_back('>');
    return out;
}

}  // namespace maillab::protocols::mime
