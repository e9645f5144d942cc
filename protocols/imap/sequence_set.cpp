#include "protocols/imap/sequence_set.hpp"

#include <algorithm>
#include <utility>

namespace maillab::protocols::imap {

namespace {

std::optional<std::uint32_t> seq_number(Lexer& lexer) {
    if (lexer.consume('*')) return kStar;
    return lexer.nz_number();
}

std::uint32_t resolve(std::uint32_t n, std::uint32_t largest) {
    return n == kStar ? largest : n;
}

}  // namespace

std::optional<SequenceSet> parse_sequence_set(Lexer& lexer) {
    SequenceSet set;
    if (lexer.consume('$')) {
        set.saved = true;
        return set;
    }
    do {
        if (set.ranges.size() == kMaxSequenceRanges) return lexer.fail("Too many ranges");
        auto first = seq_number(lexer);
        if (!first) return lexer.fail("Invalid sequence set");
        SeqRange range{*first, *first};
        if (lexer.consume(':')) {
            auto last = seq_number(lexer);
            if (!last) return lexer.fail("Invalid sequence set");
            range.last = *last;
        }
        set.ranges.push_back(range);
    } while (lexer.consume(','));
    return set;
}

std::optional<SequenceSet> parse_sequence_set(std::string_view text) {
    Lexer lexer{text};
    auto set = parse_sequence_set(lexer);
    if (!set || !lexer.at_end()) return std::nullopt;
    return set;
}

std::string format_sequence_set(const SequenceSet& set) {
    if (set.saved) return "$";
    std::string out;
    const auto put = [&out](std::uint32_t n) {
        if (n == kStar) {
            out += '*';
        } else {
            out += std::to_string(n);
        }
    };
    for (const SeqRange& r : set.ranges) {
        if (!out.empty()) out += ',';
        put(r.first);
        if (r.last != r.first) {
            out += ':';
            put(r.last);
        }
    }
    return out;
}

SequenceSet compress_numbers(std::vector<std::uint32_t> numbers) {
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    SequenceSet set;
    for (std::uint32_t n : numbers) {
        if (n == 0) continue;  // not a message number
        if (!set.ranges.empty() && set.ranges.back().last + 1 == n) {
            set.ranges.back().last = n;
        } else {
            set.ranges.push_back({n, n});
        }
    }
    return set;
}

bool sequence_set_contains(const SequenceSet& set, std::uint32_t n, std::uint32_t largest) {
    for (const SeqRange& r : set.ranges) {
        auto lo = resolve(r.first, largest);
        auto hi = resolve(r.last, largest);
        if (lo > hi) std::swap(lo, hi);
        if (n >= lo && n <= hi) return true;
    }
    return false;
}

}  // namespace maillab::protocols::imap
