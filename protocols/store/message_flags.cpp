#include "protocols/store/message_flags.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace maillab::protocols::store {
namespace {

constexpr std::array<std::pair<SystemFlag, std::string_view>, 5> kSystemFlagNames{{
    {SystemFlag::Seen, "\\Seen"},
    {SystemFlag::Answered, "\\Answered"},
    {SystemFlag::Flagged, "\\Flagged"},
    {SystemFlag::Deleted, "\\Deleted"},
    {SystemFlag::Draft, "\\Draft"},
}};

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

Flags& Flags::set(SystemFlag flag, bool on) {
    const auto bit = static_cast<std::uint8_t>(flag);
    system =
        on ? static_cast<std::uint8_t>(system | bit) : static_cast<std::uint8_t>(system & ~bit);
    return *this;
}

Flags& Flags::add_keyword(std::string_view keyword) {
    const auto at = std::lower_bound(keywords.begin(), keywords.end(), keyword);
    if (at == keywords.end() || *at != keyword) keywords.emplace(at, keyword);
    return *this;
}

bool Flags::has_keyword(std::string_view keyword) const {
    return std::binary_search(keywords.begin(), keywords.end(), keyword);
}

Flags apply_flag_op(const Flags& current, FlagOp op, const Flags& operand) {
    Flags result;
    switch (op) {
        case FlagOp::Replace:
            return operand;
        case FlagOp::Add:
            result.system = static_cast<std::uint8_t>(current.system | operand.system);
            std::set_union(current.keywords.begin(), current.keywords.end(),
                           operand.keywords.begin(), operand.keywords.end(),
                           std::back_inserter(result.keywords));
            return result;
        case FlagOp::Remove:
            result.system = static_cast<std::uint8_t>(current.system & ~operand.system);
            std::set_difference(current.keywords.begin(), current.keywords.end(),
                                operand.keywords.begin(), operand.keywords.end(),
                                std::back_inserter(result.keywords));
            return result;
    }
    return current;
}

bool is_valid_keyword(std::string_view keyword) {
    if (keyword.empty() || keyword.size() > kMaxKeywordOctets || keyword[0] == '\\') return false;
    return std::none_of(keyword.begin(), keyword.end(), [](char c) {
        const auto octet = static_cast<unsigned char>(c);
        return octet <= 0x20 || octet >= 0x7f ||
               std::string_view("(){%*\"\\]").find(c) != std::string_view::npos;
    });
}

std::string to_string(const Flags& flags) {
    std::string text;
    auto add = [&text](std::string_view word) {
        if (!text.empty()) text += ' ';
        text += word;
    };
    for (const auto& [flag, name] : kSystemFlagNames) {
        if (flags.has(flag)) add(name);
    }
    for (const auto& keyword : flags.keywords)
        add(keyword);
    return text;
}

bool parse_system_flag(std::string_view name, SystemFlag& flag) {
    for (const auto& [candidate, spelling] : kSystemFlagNames) {
        if (name.size() == spelling.size() &&
            std::equal(name.begin(), name.end(), spelling.begin(),
                       [](char a, char b) { return lower(a) == lower(b); })) {
            flag = candidate;
            return true;
        }
    }
    return false;
}

}  // namespace maillab::protocols::store
