// Ordering messages by a SORT program (RFC 5256 §3, RFC 5957) and writing
// the answers: "* SORT 2 84 882" and, for ESORT (RFC 5267 §3), the ESEARCH
// items whose ALL keeps the sort order.
//
// - [x] every key of sort_criteria.hpp, REVERSE turning one key around
// - [x] ties broken by the next criterion, finally by sequence number
//       ascending (RFC 5256 §2.2 and §3), REVERSE or not
// - [x] ESORT MIN/MAX are the first and last message in sort order, ALL is a
//       sequence set in sort order (ranges only for ascending runs), COUNT,
//       as Dovecot answers
// Only the keys the criteria name need to be filled in a record.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "protocols/imap/data_response.hpp"
#include "protocols/imap/sort_criteria.hpp"

namespace maillab::protocols::imap {

struct SortRecord {
    std::uint32_t seq = 0;
    std::uint32_t id = 0;  // what the answer names: the sequence number or the UID
    std::uint64_t size = 0;
    std::int64_t arrival = 0;  // INTERNALDATE, seconds since 1970
    std::int64_t sent = 0;     // sort_keys.hpp sent_time
    std::string subject;       // collation keys (sort_keys.hpp)
    std::string from;
    std::string to;
    std::string cc;
    std::string display_from;
    std::string display_to;
};

void sort_records(std::vector<SortRecord>& records, const std::vector<SortCriterion>& criteria);

// The ids in order, as SORT answers them.
std::vector<std::uint32_t> sorted_ids(const std::vector<SortRecord>& records);

// "* SORT 2 84 882\r\n" ("* SORT\r\n" when nothing matched).
std::string sort_response(const std::vector<std::uint32_t>& ids);

// The ESORT items of an ESEARCH answer; "RETURN ()" means ALL (RFC 4731 §3.1).
EsearchResult esort_result(const std::vector<std::uint32_t>& ids,
                           const std::vector<std::string>& returns);

}  // namespace maillab::protocols::imap
