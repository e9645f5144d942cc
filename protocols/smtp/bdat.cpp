#include "protocols/smtp/bdat.hpp"

#include <algorithm>

#include "protocols/smtp/ascii.hpp"

namespace maillab::protocols::smtp {

std::optional<BdatCommand> parse_bdat_argument(std::string_view argument) {
    const std::size_t sp = argument.find(' ');
    const std::string_view digits = argument.substr(0, sp);
    if (digits.empty() || digits.size() > kMaxBdatChunkDigits) return std::nullopt;
    BdatCommand c;
    for (char d : digits) {
        if (d < '0' || d > '9') return std::nullopt;
        c.size = c.size * 10 + static_cast<std::uint64_t>(d - '0');
    }
    if (sp == std::string_view::npos) return c;
    if (!iequals(argument.substr(sp + 1), "LAST")) return std::nullopt;
    c.last = true;
    return c;
}

std::size_t BdatAssembler::feed(std::string_view bytes) {
    const std::size_t n = static_cast<std::size_t>(
        std::min<std::uint64_t>(remaining_, static_cast<std::uint64_t>(bytes.size())));
    remaining_ -= n;
    octets_ += n;
    if (!too_big_ && octets_ > max_octets_) {
        too_big_ = true;
        std::string{}.swap(message_);
    }
    if (!too_big_) message_.append(bytes.substr(0, n));
    return n;
}

}  // namespace maillab::protocols::smtp
