#include "protocols/imap/sort_criteria.hpp"

#include <array>
#include <string>

namespace maillab::protocols::imap {

namespace {

struct KeyName {
    std::string_view name;
    SortKey key;
};

constexpr std::array<KeyName, 9> kKeys = {{
    {"ARRIVAL", SortKey::Arrival},
    {"CC", SortKey::Cc},
    {"DATE", SortKey::Date},
    {"FROM", SortKey::From},
    {"SIZE", SortKey::Size},
    {"SUBJECT", SortKey::Subject},
    {"TO", SortKey::To},
    {"DISPLAYFROM", SortKey::DisplayFrom},
    {"DISPLAYTO", SortKey::DisplayTo},
}};

std::optional<SortKey> key_named(std::string_view name) {
    for (const KeyName& k : kKeys) {
        if (k.name == name) return k.key;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::vector<SortCriterion>> parse_sort_criteria(Lexer& lx) {
    std::vector<SortCriterion> criteria;
    const bool ok = lx.parenthesised(kMaxSortCriteria, false, [&]() -> bool {
        auto name = lx.upper_atom();
        if (!name) return false;
        SortCriterion criterion;
        if (*name == "REVERSE") {
            criterion.reverse = true;
            if (!lx.sp()) return false;
            name = lx.upper_atom();
            if (!name) return false;
        }
        const std::optional<SortKey> key = key_named(*name);
        if (!key) return lx.fail("Unknown sort criterion " + *name);
        criterion.key = *key;
        criteria.push_back(criterion);
        return true;
    });
    if (!ok) return std::nullopt;
    return criteria;
}

std::optional<ThreadAlgorithm> parse_thread_algorithm(Lexer& lx) {
    auto name = lx.upper_atom();
    if (!name) return std::nullopt;
    if (*name == "ORDEREDSUBJECT") return ThreadAlgorithm::OrderedSubject;
    if (*name == "REFERENCES") return ThreadAlgorithm::References;
    return lx.fail("Unknown THREAD algorithm " + *name);
}

std::string_view sort_key_name(SortKey key) {
    for (const KeyName& k : kKeys) {
        if (k.key == key) return k.name;
    }
    return "?";
}

std::string_view thread_algorithm_name(ThreadAlgorithm algorithm) {
    return algorithm == ThreadAlgorithm::References ? "REFERENCES" : "ORDEREDSUBJECT";
}

}  // namespace maillab::protocols::imap
