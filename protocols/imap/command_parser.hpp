// IMAP command parser: one complete command (as the CommandReader assembles
// it, literals inline) -> a TaggedCommand or a ParseError for a BAD reply.
//
// Grammar covered (RFC 3501 §9 unless noted):
// - [x] tag (ASTRING-CHAR except "+"), command names in any case
// - [x] atom, quoted (\" \\), literal {n} and {n+} (RFC 7888), astring, nstring,
//       list-mailbox, flag lists, date, date-time, sequence-set incl. "$" (RFC 5182)
// - [x] CAPABILITY NOOP LOGOUT STARTTLS AUTHENTICATE (+SASL-IR, RFC 4959) LOGIN
// - [x] SELECT EXAMINE (+CONDSTORE, QRESYNC params, RFC 7162) CREATE DELETE RENAME
//       SUBSCRIBE UNSUBSCRIBE LIST (+LIST-EXTENDED RFC 5258, LIST-STATUS RFC 5819,
//       SPECIAL-USE RFC 6154) LSUB STATUS APPEND with MULTIAPPEND (RFC 3502), literal8
//       "~{n}" (BINARY, RFC 3516 §4.4) and "UTF8 (~{n})" (RFC 6855 §4)
// - [x] UTF-8 in quoted strings once the session has enabled UTF8=ACCEPT (RFC 6855 §3)
//       or IMAP4rev2 (RFC 9051 §4.3)
// - [x] CHECK CLOSE EXPUNGE SEARCH (full key grammar, CHARSET, ESEARCH RETURN RFC 4731,
//       MODSEQ) FETCH (+CHANGEDSINCE, VANISHED) STORE (+UNCHANGEDSINCE) COPY UID
// - [x] IDLE ENABLE ID NAMESPACE UNSELECT MOVE (RFC 6851) UID EXPUNGE (RFC 4315)
//       GETQUOTA GETQUOTAROOT SETQUOTA (RFC 9208)
// - [x] SORT with RETURN (RFC 5256 §3, RFC 5957, RFC 5267) and THREAD (RFC 5256 §3), UID forms
//       (sort_command_parser.cpp); OLDER/YOUNGER search keys (RFC 5032)
// - [ ] not yet: CATENATE, CREATE (USE ...) of CREATE-SPECIAL-USE, NOTIFY, METADATA.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "protocols/imap/command.hpp"

namespace maillab::protocols::imap {

// Most flags one flag list may carry.
inline constexpr std::size_t kMaxFlags = 128;
// RFC 2971 §3.3: at most 30 field-value pairs in an ID command.
inline constexpr std::size_t kMaxIdFields = 30;
// Most messages one MULTIAPPEND may carry (RFC 3502); their octets together are
// bounded by kMaxAppendLiteralOctets in the reader.
inline constexpr std::size_t kMaxAppendMessages = 1000;

struct ParseError {
    std::string tag;      // empty when the tag itself was unusable: answer "* BAD"
    std::string message;  // human-readable reason for the BAD text
    bool operator==(const ParseError&) const = default;
};

using ParseResult = std::variant<TaggedCommand, ParseError>;

struct ParseOptions {
    bool utf8 = false;  // UTF8=ACCEPT or IMAP4rev2: UTF-8 in quoted strings (RFC 6855 §3)
};

ParseResult parse_command(std::string_view command, ParseOptions options = {});

}  // namespace maillab::protocols::imap
