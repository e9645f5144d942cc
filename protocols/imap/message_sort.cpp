#include "protocols/imap/message_sort.hpp"

#include <algorithm>

namespace maillab::protocols::imap {

namespace {

template <typename T>
int three_way(const T& a, const T& b) {
    if (a < b) return -1;
    if (b < a) return 1;
    return 0;
}

int compare_key(const SortRecord& a, const SortRecord& b, SortKey key) {
    switch (key) {
        case SortKey::Arrival:
            return three_way(a.arrival, b.arrival);
        case SortKey::Cc:
            return three_way(a.cc, b.cc);
        case SortKey::Date:
            return three_way(a.sent, b.sent);
        case SortKey::From:
            return three_way(a.from, b.from);
        case SortKey::Size:
            return three_way(a.size, b.size);
        case SortKey::Subject:
            return three_way(a.subject, b.subject);
        case SortKey::To:
            return three_way(a.to, b.to);
        case SortKey::DisplayFrom:
            return three_way(a.display_from, b.display_from);
        case SortKey::DisplayTo:
            return three_way(a.display_to, b.display_to);
    }
    return 0;
}

}  // namespace

void sort_records(std::vector<SortRecord>& records, const std::vector<SortCriterion>& criteria) {
    std::sort(records.begin(), records.end(), [&](const SortRecord& a, const SortRecord& b) {
        for (const SortCriterion& c : criteria) {
            const int order = compare_key(a, b, c.key);
            if (order != 0) return c.reverse ? order > 0 : order < 0;
        }
        return a.seq < b.seq;
    });
}

std::vector<std::uint32_t> sorted_ids(const std::vector<SortRecord>& records) {
    std::vector<std::uint32_t> ids;
    ids.reserve(records.size());
    for (const SortRecord& r : records)
        ids.push_back(r.id);
    return ids;
}

std::string sort_response(const std::vector<std::uint32_t>& ids) {
    std::string out = "* SORT";
    for (std::uint32_t id : ids) {
        out += ' ';
        out += std::to_string(id);
    }
    out += "\r\n";
    return out;
}

EsearchResult esort_result(const std::vector<std::uint32_t>& ids,
                           const std::vector<std::string>& returns) {
    const auto wants = [&](std::string_view option) {
        if (returns.empty()) return option == "ALL";
        return std::find(returns.begin(), returns.end(), option) != returns.end();
    };
    EsearchResult result;
    if (!ids.empty() && wants("MIN")) result.min = ids.front();
    if (!ids.empty() && wants("MAX")) result.max = ids.back();
    if (wants("COUNT")) result.count = static_cast<std::uint32_t>(ids.size());
    if (wants("ALL")) {
        // In sort order: only a run of ascending neighbours becomes a range.
        SequenceSet all;
        for (std::uint32_t id : ids) {
            if (!all.ranges.empty() && all.ranges.back().last + 1 == id) {
                all.ranges.back().last = id;
            } else {
                all.ranges.push_back({id, id});
            }
        }
        result.all = std::move(all);
    }
    return result;
}

}  // namespace maillab::protocols::imap
