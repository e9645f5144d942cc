// The sort program of SORT (RFC 5256 §3, RFC 5957 §3) and the algorithm
// name of THREAD (RFC 5256 §3): their grammar and their names.
//
// sort-criteria = "(" sort-criterion *(SP sort-criterion) ")"
// sort-criterion = ["REVERSE" SP] sort-key
// - [x] ARRIVAL CC DATE FROM SIZE SUBJECT TO (RFC 5256 §3), DISPLAYFROM
//       DISPLAYTO (RFC 5957 §3), REVERSE before any of them, any case
// - [x] at most kMaxSortCriteria criteria; "()" and "REVERSE REVERSE" are BAD
// - [x] THREAD algorithms ORDEREDSUBJECT and REFERENCES (RFC 5256 §3)
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "protocols/imap/lexer.hpp"

namespace maillab::protocols::imap {

// Most criteria one SORT may list (there are nine keys; a repeat changes nothing).
inline constexpr std::size_t kMaxSortCriteria = 16;

enum class SortKey { Arrival, Cc, Date, From, Size, Subject, To, DisplayFrom, DisplayTo };

struct SortCriterion {
    SortKey key = SortKey::Arrival;
    bool reverse = false;
    bool operator==(const SortCriterion&) const = default;
};

enum class ThreadAlgorithm { OrderedSubject, References };

// "(" ... ")" at the lexer position.
std::optional<std::vector<SortCriterion>> parse_sort_criteria(Lexer& lexer);
// ORDEREDSUBJECT or REFERENCES, any case.
std::optional<ThreadAlgorithm> parse_thread_algorithm(Lexer& lexer);

std::string_view sort_key_name(SortKey key);
std::string_view thread_algorithm_name(ThreadAlgorithm algorithm);

}  // namespace maillab::protocols::imap
