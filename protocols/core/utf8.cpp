#include "protocols/core/utf8.hpp"

#include <cstdint>

namespace maillab::protocols::core {

bool is_valid_utf8(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto b0 = static_cast<std::uint8_t>(bytes[i]);
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if ((b0 & 0xE0) == 0xC0)
            len = 2, cp = b0 & 0x1Fu;
        else if ((b0 & 0xF0) == 0xE0)
            len = 3, cp = b0 & 0x0Fu;
        else if ((b0 & 0xF8) == 0xF0)
            len = 4, cp = b0 & 0x07u;
        else
            return false;
        if (i + len > bytes.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto b = static_cast<std::uint8_t>(bytes[i + k]);
            if ((b & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (b & 0x3Fu);
        }
        static constexpr std::uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        i += len;
    }
    return true;
}

}  // namespace maillab::protocols::core
