// Message flags (RFC 3501 §2.3.2): the five stored system flags as a bitset
// plus keywords. \Recent is session state and lives in the IMAP session, not
// here. Keywords are atoms (RFC 3501 §9 flag-keyword), compared exactly as
// given, kept sorted and unique.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace maillab::protocols::store {

enum class SystemFlag : std::uint8_t {
    Seen = 1 << 0,
    Answered = 1 << 1,
    Flagged = 1 << 2,
    Deleted = 1 << 3,
    Draft = 1 << 4,
};

inline constexpr std::size_t kMaxKeywordOctets = 64;
// Maildir file names carry keywords as the letters a-z, so a mailbox can
// define at most 26; both stores enforce the same limit (IMAP: NO [LIMIT]).
inline constexpr std::size_t kMaxKeywordsPerMailbox = 26;

struct Flags {
    std::uint8_t system = 0;
    std::vector<std::string> keywords;  // sorted, unique

    bool has(SystemFlag flag) const { return (system & static_cast<std::uint8_t>(flag)) != 0; }
    Flags& set(SystemFlag flag, bool on = true);
    Flags& add_keyword(std::string_view keyword);
    bool has_keyword(std::string_view keyword) const;

    bool operator==(const Flags&) const = default;
};

enum class FlagOp {
    Add,      // IMAP STORE +FLAGS
    Remove,   // IMAP STORE -FLAGS
    Replace,  // IMAP STORE FLAGS
};

Flags apply_flag_op(const Flags& current, FlagOp op, const Flags& operand);

// RFC 3501 flag-keyword: an atom (no SP, CTL, "(){%*\"\\]"), not starting with '\'.
bool is_valid_keyword(std::string_view keyword);

// "\Seen \Flagged $Forwarded": the IMAP spelling, system flags first.
std::string to_string(const Flags& flags);

// Parses one IMAP system flag name ("\Seen", case-insensitive); false if unknown.
bool parse_system_flag(std::string_view name, SystemFlag& flag);

}  // namespace maillab::protocols::store
