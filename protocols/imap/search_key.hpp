// SEARCH criteria (RFC 3501 §6.4.4, §9 "search-key") as a tree, plus the
// MODSEQ key of CONDSTORE (RFC 7162 §3.1.5) and OLDER/YOUNGER of WITHIN
// (RFC 5032 §3: "OLDER" / "YOUNGER" SP nz-number, an interval in seconds) and SAVEDBEFORE
// SAVEDON SAVEDSINCE SAVEDATESUPPORTED of SAVEDATE (RFC 8514 §4.2). A list of keys is an
// implicit AND (an And node); NOT has one child, OR two. Recursion is bounded by kMaxSearchDepth,
// so "NOT NOT NOT ...", "OR OR OR ..." and "((((...))))" end in a BAD instead of a deep stack.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocols/imap/date_time.hpp"
#include "protocols/imap/lexer.hpp"
#include "protocols/imap/sequence_set.hpp"

namespace maillab::protocols::imap {

// Deepest NOT/OR/parenthesis nesting a search program may have.
inline constexpr std::size_t kMaxSearchDepth = 32;
// Most keys one search program may hold in total.
inline constexpr std::size_t kMaxSearchKeys = 1024;

enum class SearchKeyKind {
    And,  // children: every one must match (a key list or a parenthesised group)
    All,
    Answered,
    Bcc,
    Before,
    Body,
    Cc,
    Deleted,
    Draft,
    Flagged,
    From,
    Header,
    Keyword,
    Larger,
    New,
    Not,
    Old,
    On,
    Or,
    Recent,
    Seen,
    SentBefore,
    SentOn,
    SentSince,
    Since,
    Smaller,
    Subject,
    Text,
    To,
    Uid,
    Unanswered,
    Undeleted,
    Undraft,
    Unflagged,
    Unkeyword,
    Unseen,
    SequenceSet,
    ModSeq,
    Older,              // WITHIN (RFC 5032): number = seconds
    Younger,            // WITHIN (RFC 5032): number = seconds
    SavedBefore,        // SAVEDATE (RFC 8514 §4.2): against the save date
    SavedOn,            //
    SavedSince,         //
    SavedateSupported,  // every message, when the mailbox keeps save dates
};

struct SearchKey {
    SearchKeyKind kind = SearchKeyKind::All;
    std::string text;          // string argument, keyword, or HEADER field name
    std::string value;         // HEADER value; MODSEQ entry name
    std::string entry_type;    // MODSEQ entry type ("priv", "shared", "all") if given
    Date date;                 // BEFORE ON SINCE SENT*
    std::uint64_t number = 0;  // LARGER SMALLER OLDER YOUNGER (32-bit) / MODSEQ (63-bit)
    SequenceSet set;           // UID / sequence set
    std::vector<SearchKey> children;

    bool operator==(const SearchKey&) const = default;
};

// Whether the key or any key below it is MODSEQ: such a SEARCH enables CONDSTORE
// (RFC 7162 §3.1).
bool mentions_modseq(const SearchKey& key);

// One search key at the lexer position.
std::optional<SearchKey> parse_search_key(Lexer& lexer);
// search-key *(SP search-key) to the end of the command, as an And node.
std::optional<SearchKey> parse_search_program(Lexer& lexer);

std::string_view search_key_name(SearchKeyKind kind);

}  // namespace maillab::protocols::imap
