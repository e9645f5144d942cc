#include "protocols/pop3/apop.hpp"

#include <openssl/evp.h>

#include <array>
#include <cctype>

namespace maillab::protocols::pop3 {

std::string make_apop_timestamp(std::uint64_t pid, std::uint64_t clock, std::string_view host) {
    return "<" + std::to_string(pid) + "." + std::to_string(clock) + "@" + std::string{host} + ">";
}

std::string apop_digest(std::string_view timestamp, std::string_view secret) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int md_len = 0;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool ok = ctx != nullptr && EVP_DigestInit_ex(ctx, EVP_md5(), nullptr) == 1 &&
                    EVP_DigestUpdate(ctx, timestamp.data(), timestamp.size()) == 1 &&
                    EVP_DigestUpdate(ctx, secret.data(), secret.size()) == 1 &&
                    EVP_DigestFinal_ex(ctx, md.data(), &md_len) == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok) return {};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < md_len; ++i) {
        out += kHex[md[i] >> 4];
        out += kHex[md[i] & 0x0F];
    }
    return out;
}

bool apop_matches(std::string_view digest, std::string_view timestamp, std::string_view secret) {
    if (digest.size() != kApopDigestHexDigits) return false;
    const std::string expected = apop_digest(timestamp, secret);
    if (expected.size() != digest.size()) return false;
    for (std::size_t i = 0; i < digest.size(); ++i) {
        const auto c = static_cast<unsigned char>(digest[i]);
        if (std::tolower(c) != expected[i]) return false;
    }
    return true;
}

std::optional<std::string> find_apop_timestamp(std::string_view greeting) {
    const auto open = greeting.find('<');
    if (open == std::string_view::npos) return std::nullopt;
    const auto close = greeting.find('>', open);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view stamp = greeting.substr(open, close - open + 1);
    if (stamp.find('@') == std::string_view::npos) return std::nullopt;
    return std::string{stamp};
}

}  // namespace maillab::protocols::pop3
