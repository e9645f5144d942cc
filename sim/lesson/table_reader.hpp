// Reads one TOML table of a lesson file key by key, checking each value's
// type and range and reporting problems where the value was written. Every
// key asked for becomes a known key; finish() reports the others as unknown,
// suggesting the nearest known key. Internal to the loader.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/lesson/diagnostic.hpp"
#include "sim/lesson/lesson_spec.hpp"

namespace maillab::sim::lesson {

// Longest string value (narration, body); longer ones are refused.
inline constexpr std::size_t kMaxStringLength = 64 * 1024;
// Most entries in one list of plain values (recipients, flags, choices...).
inline constexpr std::size_t kMaxListLength = 100;

enum class Need { Optional, Required };

SourcePos position_of(const toml::node& node);

template <typename E>
using Choices = std::span<const std::pair<std::string_view, E>>;

class TableReader {
public:
    // `what` names the table in messages: "account", "action 'send'".
    TableReader(const toml::table& table, std::string what, Diagnostics& diags);

    const std::string& what() const { return what_; }
    SourcePos pos() const { return position_of(table_); }
    void error_at(const toml::node& node, std::string message);
    void error_here(std::string message);

    // The node of a key, marking it known; reports it when required and missing.
    const toml::node* node(std::string_view key, Need need = Need::Optional);
    bool has(std::string_view key) const { return table_.contains(key); }

    std::optional<std::string> string(std::string_view key, Need need = Need::Optional);
    std::optional<std::int64_t> integer(std::string_view key, Need need, std::int64_t min,
                                        std::int64_t max);
    std::optional<bool> boolean(std::string_view key, Need need = Need::Optional);
    std::optional<double> fraction(std::string_view key, Need need = Need::Optional);
    std::optional<Micros> duration(std::string_view key, Need need = Need::Optional);
    std::optional<std::uint64_t> size(std::string_view key, Need need = Need::Optional);
    std::optional<std::uint64_t> bandwidth(std::string_view key, Need need = Need::Optional);
    // A list of strings; a single string is accepted as a list of one.
    std::optional<std::vector<std::string>> strings(std::string_view key,
                                                    Need need = Need::Optional);
    // The tables of an array of tables, at most max_count of them.
    std::vector<const toml::table*> tables(std::string_view key, Need need, std::size_t max_count);
    const toml::table* table(std::string_view key, Need need = Need::Optional);

    template <typename E>
    std::optional<E> choice(std::string_view key, Need need, Choices<E> choices) {
        auto text = string(key, need);
        if (!text) return std::nullopt;
        for (const auto& [name, value] : choices)
            if (name == *text) return value;
        report_bad_choice(key, *text, names_of(choices));
        return std::nullopt;
    }

    // Reports every key that was never asked for.
    void finish();

private:
    template <typename E>
    static std::vector<std::string> names_of(Choices<E> choices) {
        std::vector<std::string> names;
        for (const auto& c : choices)
            names.emplace_back(c.first);
        return names;
    }
    void report_bad_choice(std::string_view key, const std::string& text,
                           const std::vector<std::string>& names);
    std::optional<std::string> string_value(std::string_view key, const toml::node& n);
    // A quoted value read by `parse`; `form` describes the expected form.
    std::optional<std::uint64_t> unit_value(std::string_view key, Need need,
                                            std::optional<std::uint64_t> (*parse)(std::string_view),
                                            std::string_view form);

    const toml::table& table_;
    std::string what_;
    Diagnostics& diags_;
    std::vector<std::string> known_;
};

// "string", "integer", "table", ...: how the file wrote a value.
std::string_view toml_type_name(const toml::node& node);

}  // namespace maillab::sim::lesson
