// The shape of an engine's command table, as Postfix's smtpd_cmd_table and
// Dovecot's imap-commands.c have one: each command described once, by a row
// with its name, its parser, the states it is allowed in, its flags, the
// answer when it comes in another state, and its explanation. The handler is
// the session's overload for the type the parser makes, called through
// std::visit, so a command without a handler does not compile.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>

#include "protocols/core/explanation.hpp"

namespace maillab::protocols::core {

// A set of values of a small enum whose values are numbered from 0 (at most 32).
template <typename Enum>
class EnumSet {
public:
    constexpr EnumSet() = default;
    constexpr EnumSet(std::initializer_list<Enum> values) {
        for (Enum value : values)
            bits_ |= bit(value);
    }
    // Every value of the enum: a command allowed in any state.
    static constexpr EnumSet every() {
        EnumSet set;
        set.bits_ = std::numeric_limits<std::uint32_t>::max();
        return set;
    }

    constexpr bool contains(Enum value) const { return (bits_ & bit(value)) != 0; }
    constexpr bool is_every() const { return bits_ == std::numeric_limits<std::uint32_t>::max(); }
    constexpr bool operator==(const EnumSet&) const = default;

private:
    static constexpr std::uint32_t bit(Enum value) {
        return std::uint32_t{1} << static_cast<unsigned>(value);
    }
    std::uint32_t bits_ = 0;
};

// One row of a command table. `Parser` turns what follows the name into one
// alternative of the engine's command variant (or a syntax error); `Refusal`
// gives the answer when the session is in a state outside `states`.
template <typename State, typename Flag, typename Parser, typename Refusal>
struct CommandSpec {
    std::string_view name;  // upper-case, as the RFC spells it
    Parser parse;
    EnumSet<State> states;
    EnumSet<Flag> flags;
    Refusal refuse;              // null when `states` is every state or refusals are alike
    std::string_view meaning;    // for a student reading the trace
    std::string_view reference;  // the RFC section that defines the command

    Explanation explanation() const { return {std::string{meaning}, std::string{reference}}; }
    bool has(Flag flag) const { return flags.contains(flag); }
};

// The row named `name` (already upper-case), or nullptr.
template <typename Spec, std::size_t N>
constexpr const Spec* find_command(const std::array<Spec, N>& table, std::string_view name) {
    for (const Spec& row : table)
        if (row.name == name) return &row;
    return nullptr;
}

}  // namespace maillab::protocols::core
