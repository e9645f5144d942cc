#include "sim/lesson/table_reader.hpp"

#include <algorithm>

#include "sim/lesson/units.hpp"

namespace maillab::sim::lesson {

SourcePos position_of(const toml::node& node) {
    const auto& begin = node.source().begin;
    if (begin.line == 0) return SourcePos{1, 1};
    return SourcePos{static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

std::string_view toml_type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string:
            return "string";
        case toml::node_type::integer:
            return "integer";
        case toml::node_type::floating_point:
            return "number with a fraction";
        case toml::node_type::boolean:
            return "boolean";
        case toml::node_type::table:
            return "table";
        case toml::node_type::array:
            return "array";
        case toml::node_type::date:
            return "date";
        case toml::node_type::time:
            return "time";
        case toml::node_type::date_time:
            return "date-time";
        case toml::node_type::none:
            break;
    }
    return "nothing";
}

TableReader::TableReader(const toml::table& table, std::string what, Diagnostics& diags)
    : table_(table), what_(std::move(what)), diags_(diags) {}

void TableReader::error_at(const toml::node& node, std::string message) {
    const SourcePos p = position_of(node);
    diags_.error(p.line, p.column, std::move(message));
}

void TableReader::error_here(std::string message) {
    const SourcePos p = pos();
    diags_.error(p.line, p.column, std::move(message));
}

const toml::node* TableReader::node(std::string_view key, Need need) {
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
    const toml::node* n = table_.get(key);
    if (n == nullptr && need == Need::Required)
        error_here("missing required key '" + std::string{key} + "' in " + what_);
    return n;
}

std::optional<std::string> TableReader::string_value(std::string_view key, const toml::node& n) {
    const auto* s = n.as_string();
    if (s == nullptr) {
        error_at(n, "'" + std::string{key} + "' must be a string, got " +
                        std::string{toml_type_name(n)});
        return std::nullopt;
    }
    if (s->get().size() > kMaxStringLength) {
        error_at(n, "'" + std::string{key} + "' is too long (" + std::to_string(s->get().size()) +
                        " bytes; at most " + std::to_string(kMaxStringLength) + ")");
        return std::nullopt;
    }
    return s->get();
}

std::optional<std::string> TableReader::string(std::string_view key, Need need) {
    const toml::node* n = node(key, need);
    if (n == nullptr) return std::nullopt;
    return string_value(key, *n);
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, Need need, std::int64_t min,
                                                 std::int64_t max) {
    const toml::node* n = node(key, need);
    if (n == nullptr) return std::nullopt;
    const auto* i = n->as_integer();
    if (i == nullptr) {
        error_at(*n, "'" + std::string{key} + "' must be an integer, got " +
                         std::string{toml_type_name(*n)});
        return std::nullopt;
    }
    if (i->get() < min || i->get() > max) {
        error_at(*n, "'" + std::string{key} + "' must be between " + std::to_string(min) + " and " +
                         std::to_string(max) + ", got " + std::to_string(i->get()));
        return std::nullopt;
    }
    return i->get();
}

std::optional<bool> TableReader::boolean(std::string_view key, Need need) {
    const toml::node* n = node(key, need);
    if (n == nullptr) return std::nullopt;
    const auto* b = n->as_boolean();
    if (b == nullptr) {
        error_at(*n, "'" + std::string{key} + "' must be true or false, got " +
                         std::string{toml_type_name(*n)});
        return std::nullopt;
    }
    return b->get();
}

std::optional<double> TableReader::fraction(std::string_view key, Need need) {
    const toml::node* n = node(key, need);
    if (n == nullptr) return std::nullopt;
    double value = 0;
    if (const auto* f = n->as_floating_point()) {
        value = f->get();
    } else if (const auto* i = n->as_integer()) {
        value = static_cast<double>(i->get());
    } else {
        error_at(*n, "'" + std::string{key} + "' must be a number between 0 and 1, got " +
                         std::string{toml_type_name(*n)});
        return std::nullopt;
    }
    if (!(value >= 0.0 && value <= 1.0)) {
        error_at(*n, "'" + std::string{key} + "' must be between 0 and 1 (0.05 is 5%)");
        return std::nullopt;
    }
    return value;
}

std::optional<Micros> TableReader::duration(std::string_view key, Need need) {
    const toml::node* n = node(key, need);
    if (n == nullptr) return std::nullopt;
    if (n->is_integer() || n->is_floating_point()) {
        error_at(*n, "'" + std::string{key} +
                         "' must be a duration in quotes with a unit, like \"90s\" or \"2h\"");
        return std::nullopt;
    }
    auto text = string_value(key, *n);
    if (!text) return std::nullopt;
    if (!text->empty() && text->front() == '-') {
        error_at(*n, "'" + std::string{key} + "' must not be negative, got \"" + *text + "\"");
        return std::nullopt;
    }
    auto value = parse_duration(*text);
    if (!value) {
        error_at(*n, "'" + std::string{key} + "': cannot read \"" + *text +
                         "\" as a duration (use a number and a unit: us, ms, s, m, h, d, "
                         "like \"90s\" or \"1h30m\"; at most 400d)");
    }
    return value;
}

std::optional<std::uint64_t> TableReader::unit_value(
    std::string_view key, Need need, std::optional<std::uint64_t> (*parse)(std::string_view),
    std::string_view form) {
    const toml::node* n = node(key, need);
    if (n == nullptr) return std::nullopt;
    auto text = string_value(key, *n);
    if (!text) return std::nullopt;
    auto value = parse(*text);
    if (!value)
        error_at(*n, "'" + std::string{key} + "': cannot read \"" + *text + "\" as " +
                         std::string{form});
    return value;
}

std::optional<std::uint64_t> TableReader::size(std::string_view key, Need need) {
    return unit_value(key, need, parse_size,
                      "a size (use a number and a unit: B, KB, MB, GB, KiB, MiB, GiB, like "
                      "\"50KB\"; at most 1GB)");
}

std::optional<std::uint64_t> TableReader::bandwidth(std::string_view key, Need need) {
    return unit_value(key, need, parse_bandwidth,
                      "a bandwidth (use a number and a unit: bps, kbps, Mbps, Gbps, like "
                      "\"10Mbps\")");
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key, Need need) {
    const toml::node* n = node(key, need);
    if (n == nullptr) return std::nullopt;
    if (n->is_string()) {
        auto one = string_value(key, *n);
        if (!one) return std::nullopt;
        return std::vector<std::string>{*one};
    }
    const auto* a = n->as_array();
    if (a == nullptr) {
        error_at(*n, "'" + std::string{key} + "' must be a list of strings, got " +
                         std::string{toml_type_name(*n)});
        return std::nullopt;
    }
    if (a->size() > kMaxListLength) {
        error_at(*n, "'" + std::string{key} + "' has too many entries (" +
                         std::to_string(a->size()) + "; at most " + std::to_string(kMaxListLength) +
                         ")");
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (const auto& element : *a) {
        if (!element.is_string()) {
            error_at(element, "each entry of '" + std::string{key} + "' must be a string, got " +
                                  std::string{toml_type_name(element)});
            ok = false;
            continue;
        }
        auto s = string_value(key, element);
        if (s)
            out.push_back(std::move(*s));
        else
            ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
}

std::vector<const toml::table*> TableReader::tables(std::string_view key, Need need,
                                                    std::size_t max_count) {
    std::vector<const toml::table*> out;
    const toml::node* n = node(key, need);
    if (n == nullptr) return out;
    const auto* a = n->as_array();
    if (a == nullptr) {
        error_at(*n, "'" + std::string{key} + "' must be a list of tables ([[" + std::string{key} +
                         "]]), got " + std::string{toml_type_name(*n)});
        return out;
    }
    if (a->size() > max_count) {
        error_at(*n, "too many entries in '" + std::string{key} + "' (" +
                         std::to_string(a->size()) + "; at most " + std::to_string(max_count) +
                         ")");
        return out;
    }
    for (const auto& element : *a) {
        if (const auto* t = element.as_table())
            out.push_back(t);
        else
            error_at(element, "each entry of '" + std::string{key} + "' must be a table, got " +
                                  std::string{toml_type_name(element)});
    }
    return out;
}

const toml::table* TableReader::table(std::string_view key, Need need) {
    const toml::node* n = node(key, need);
    if (n == nullptr) return nullptr;
    const auto* t = n->as_table();
    if (t == nullptr)
        error_at(*n, "'" + std::string{key} + "' must be a table, got " +
                         std::string{toml_type_name(*n)});
    return t;
}

void TableReader::report_bad_choice(std::string_view key, const std::string& text,
                                    const std::vector<std::string>& names) {
    std::string list;
    for (const auto& name : names)
        list += (list.empty() ? "" : ", ") + name;
    const toml::node* n = table_.get(key);
    error_at(*n, "'" + std::string{key} + "' must be one of " + list + ", got \"" + text + "\"" +
                     did_you_mean(text, names));
}

void TableReader::finish() {
    for (const auto& [key, value] : table_) {
        const std::string_view name = key.str();
        if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
        const auto& begin = key.source().begin;
        const SourcePos p = begin.line == 0 ? position_of(value)
                                            : SourcePos{static_cast<int>(begin.line),
                                                        static_cast<int>(begin.column)};
        diags_.error(
            p.line, p.column,
            "unknown key '" + std::string{name} + "' in " + what_ + did_you_mean(name, known_));
    }
}

}  // namespace maillab::sim::lesson
