// Sequence sets (RFC 3501 §9 "sequence-set"): "1:*,3,5:7", and "$" for the
// saved search result (SEARCHRES, RFC 5182). Numbers are non-zero 32-bit
// values, overflow-checked; "*" (the largest number in use) is stored as
// kStar, which can never collide with a real number because 0 is invalid.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/imap/lexer.hpp"

namespace maillab::protocols::imap {

inline constexpr std::uint32_t kStar = 0;
// Most ranges one sequence set may list; the line limit bounds it anyway,
// this keeps the server's per-range work small and predictable.
inline constexpr std::size_t kMaxSequenceRanges = 4096;

struct SeqRange {
    std::uint32_t first = 1;  // kStar for "*"; first may exceed last ("7:5")
    std::uint32_t last = 1;

    bool operator==(const SeqRange&) const = default;
};

struct SequenceSet {
    std::vector<SeqRange> ranges;
    bool saved = false;  // "$": the result of the last SEARCH ... RETURN (SAVE)

    bool operator==(const SequenceSet&) const = default;
};

// Reads a sequence set at the lexer position (consumes 1*(digit / ":" / "," / "*") or "$").
std::optional<SequenceSet> parse_sequence_set(Lexer& lexer);
std::optional<SequenceSet> parse_sequence_set(std::string_view text);

// "1:5,7" form; kStar prints as "*".
std::string format_sequence_set(const SequenceSet& set);

// Sorts and de-duplicates numbers and folds runs into ranges: {7,1,2,3,4,5} -> "1:5,7".
SequenceSet compress_numbers(std::vector<std::uint32_t> numbers);

// Whether n is in the set when the largest number in use is `largest` ("*").
bool sequence_set_contains(const SequenceSet& set, std::uint32_t n, std::uint32_t largest);

}  // namespace maillab::protocols::imap
