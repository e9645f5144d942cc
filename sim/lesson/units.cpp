#include "sim/lesson/units.hpp"

#include <array>
#include <cctype>

namespace maillab::sim::lesson {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Reads a run of digits at `pos`; nothing on overflow past `limit`.
std::optional<std::uint64_t> read_number(std::string_view text, std::size_t& pos,
                                         std::uint64_t limit) {
    if (pos >= text.size() || !is_digit(text[pos])) return std::nullopt;
    std::uint64_t value = 0;
    while (pos < text.size() && is_digit(text[pos])) {
        value = value * 10 + static_cast<std::uint64_t>(text[pos] - '0');
        if (value > limit) return std::nullopt;
        ++pos;
    }
    return value;
}

struct Unit {
    std::string_view name;
    std::uint64_t factor;
};

// NUMBER UNIT, the unit one of `units`, the result at most `limit`.
template <std::size_t N>
std::optional<std::uint64_t> number_with_unit(std::string_view text, std::size_t& pos,
                                              const std::array<Unit, N>& units,
                                              std::uint64_t limit) {
    auto number = read_number(text, pos, limit);
    if (!number) return std::nullopt;
    std::size_t end = pos;
    while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end])))
        ++end;
    const std::string_view unit = text.substr(pos, end - pos);
    for (const auto& u : units) {
        if (u.name != unit) continue;
        if (*number > limit / u.factor) return std::nullopt;
        pos = end;
        return *number * u.factor;
    }
    return std::nullopt;
}

}  // namespace

std::optional<Micros> parse_duration(std::string_view text) {
    static constexpr std::array<Unit, 6> kUnits{{{"us", 1},
                                                 {"ms", 1'000},
                                                 {"s", 1'000'000},
                                                 {"m", 60'000'000},
                                                 {"h", 3'600'000'000},
                                                 {"d", 86'400'000'000}}};
    const auto limit = static_cast<std::uint64_t>(kMaxDuration);
    if (text.empty()) return std::nullopt;
    std::size_t pos = 0;
    std::uint64_t total = 0;
    while (pos < text.size()) {
        auto part = number_with_unit(text, pos, kUnits, limit);
        if (!part || total + *part > limit) return std::nullopt;
        total += *part;
    }
    return static_cast<Micros>(total);
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
    static constexpr std::array<Unit, 7> kUnits{{{"B", 1},
                                                 {"KB", 1'000},
                                                 {"MB", 1'000'000},
                                                 {"GB", 1'000'000'000},
                                                 {"KiB", 1024},
                                                 {"MiB", 1024 * 1024},
                                                 {"GiB", 1024 * 1024 * 1024}}};
    std::size_t pos = 0;
    auto size = number_with_unit(text, pos, kUnits, kMaxSize);
    if (!size || pos != text.size()) return std::nullopt;
    return size;
}

std::optional<std::uint64_t> parse_bandwidth(std::string_view text) {
    static constexpr std::array<Unit, 4> kUnits{
        {{"bps", 1}, {"kbps", 1'000}, {"Mbps", 1'000'000}, {"Gbps", 1'000'000'000}}};
    constexpr std::uint64_t kMaxBandwidth = 100'000'000'000;
    std::size_t pos = 0;
    auto rate = number_with_unit(text, pos, kUnits, kMaxBandwidth);
    if (!rate || pos != text.size() || *rate == 0) return std::nullopt;
    return rate;
}

bool is_ipv4(std::string_view text) {
    std::size_t pos = 0;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (pos >= text.size() || text[pos] != '.') return false;
            ++pos;
        }
        const std::size_t start = pos;
        auto value = read_number(text, pos, 255);
        if (!value) return false;
        // "010" is ambiguous (octal in some tools), so it is refused.
        if (pos - start > 1 && text[start] == '0') return false;
    }
    return pos == text.size();
}

bool is_lesson_id(std::string_view text) {
    if (text.empty() || text.size() > kMaxIdLength) return false;
    if (text.front() == '-' || text.back() == '-') return false;
    char previous = 0;
    for (char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || is_digit(c) || c == '-';
        if (!ok || (c == '-' && previous == '-')) return false;
        previous = c;
    }
    return true;
}

bool is_host_name(std::string_view text) {
    constexpr std::size_t kMaxLabel = 63;
    if (text.empty() || text.size() > kMaxHostNameLength) return false;
    std::size_t label = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.') {
            if (label == 0 || text[i - 1] == '-') return false;
            label = 0;
            continue;
        }
        const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-';
        if (!ok || (c == '-' && label == 0) || ++label > kMaxLabel) return false;
    }
    return label > 0 && text.back() != '-';
}

}  // namespace maillab::sim::lesson
