#include "protocols/core/base64.hpp"

#include <openssl/evp.h>

namespace maillab::protocols::core {

namespace {

bool in_alphabet(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

// Decodes groups of four alphabet characters with optional '=' padding at the end.
std::optional<std::string> decode_groups(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out(text.size() / 4 * 3, '\0');
    if (text.empty()) return out;
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    // EVP_DecodeBlock counts padding as zero bytes; remove them.
    std::size_t padding = 0;
    if (text.back() == '=') ++padding;
    if (text.size() >= 2 && text[text.size() - 2] == '=') ++padding;
    out.resize(static_cast<std::size_t>(n) - padding);
    return out;
}

}  // namespace

std::string encode_base64(std::string_view bytes) {
    std::string out((bytes.size() + 2) / 3 * 4, '\0');
    if (bytes.empty()) return out;
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                    reinterpret_cast<const unsigned char*>(bytes.data()),
                    static_cast<int>(bytes.size()));
    return out;
}

std::optional<std::string> decode_base64_strict(std::string_view text) {
    std::size_t padding = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '=') {
            if (text.size() - i > 2) return std::nullopt;  // padding only at the very end
            ++padding;
        } else if (!in_alphabet(c) || padding > 0) {
            return std::nullopt;
        }
    }
    return decode_groups(text);
}

std::string decode_base64_lenient(std::string_view text) {
    std::string clean;
    clean.reserve(text.size());
    for (const char c : text) {
        if (c == '=') break;
        if (in_alphabet(c)) clean.push_back(c);
    }
    // A final group of 2 or 3 characters still carries 1 or 2 bytes.
    const std::size_t rest = clean.size() % 4;
    if (rest == 1)
        clean.resize(clean.size() - 1);
    else if (rest > 0)
        clean.append(4 - rest, '=');
    return decode_groups(clean).value_or(std::string{});
}

}  // namespace maillab::protocols::core
