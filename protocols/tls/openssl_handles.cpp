#include "protocols/tls/openssl_handles.hpp"

#include <openssl/err.h>

#include <array>
#include <limits>

namespace maillab::protocols::tls {

std::string take_openssl_errors(const std::string& fallback) {
    std::string out;
    while (const unsigned long code = ERR_get_error()) {
        std::array<char, 256> text{};
        ERR_error_string_n(code, text.data(), text.size());
        if (!out.empty()) out += "; ";
        out += text.data();
    }
    return out.empty() ? fallback : out;
}

BioPtr memory_bio_over(std::string_view bytes) {
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return nullptr;
    return BioPtr{BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size()))};
}

std::string memory_bio_contents(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    if (size <= 0 || data == nullptr) return {};
    return std::string{data, static_cast<std::size_t>(size)};
}

}  // namespace maillab::protocols::tls
