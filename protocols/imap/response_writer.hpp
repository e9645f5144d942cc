// Response writer helpers for the IMAP server (RFC 3501 §7, §9): strings
// as atom, quoted or literal, NIL, parenthesised lists, flag lists,
// sequence sets, and status responses with response codes. Everything is
// appended to a std::string; the session decides when to send it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/imap/command_reader.hpp"
#include "protocols/imap/sequence_set.hpp"

namespace maillab::protocols::imap {

// Longer strings go out as literals even when they could be quoted.
inline constexpr std::size_t kMaxQuotedOctets = 1024;

// string: quoted when it is short 7-bit text without CR, LF or NUL,
// otherwise a literal "{n}\r\n..." (with '"' and '\' escaped when quoted).
void write_string(std::string& out, std::string_view value);
// nstring: NIL for nothing.
void write_nstring(std::string& out, const std::optional<std::string>& value);
// astring: a bare atom when every octet is an ASTRING-CHAR, else a string.
void write_astring(std::string& out, std::string_view value);
// A mailbox name: an astring, except that under IMAP4rev2 (`utf8`) a UTF-8 name
// goes out quoted rather than as a literal (RFC 9051 §5.1, §9).
void write_mailbox(std::string& out, std::string_view name, bool utf8);
// "(" item *(SP item) ")" with items written as given.
void write_list(std::string& out, const std::vector<std::string>& items);
// flag-list: "(\Seen $Forwarded)".
void write_flag_list(std::string& out, const std::vector<std::string>& flags);

enum class Status { Ok, No, Bad, Bye, Preauth };

enum class CodeKind {
    Alert,
    AlreadyExists,
    AppendUid,
    AuthenticationFailed,
    AuthorizationFailed,
    BadCharset,
    Cannot,
    Capability,
    Closed,
    ClientBug,
    ContactAdmin,
    CopyUid,
    Corruption,
    Expired,
    ExpungeIssued,
    HighestModSeq,
    InUse,
    Limit,
    Modified,
    NoModSeq,
    NonExistent,
    NoPerm,
    OverQuota,
    Parse,
    PermanentFlags,
    PrivacyRequired,
    ReadOnly,
    ReadWrite,
    ServerBug,
    TooBig,
    TryCreate,
    UidNext,
    UidNotSticky,
    UidValidity,
    Unavailable,
    UnknownCte,
    Unseen,
};

struct ResponseCode {
    CodeKind kind = CodeKind::Alert;
    std::string arguments;  // already formatted: "3857529045 1:3 7:9"

    bool operator==(const ResponseCode&) const = default;
};

std::string_view status_name(Status status);
std::string_view code_name(CodeKind kind);

// Response code builders for the codes that carry arguments.
ResponseCode uidvalidity_code(std::uint32_t uidvalidity);
ResponseCode uidnext_code(std::uint32_t uidnext);
ResponseCode unseen_code(std::uint32_t seq);
ResponseCode highestmodseq_code(std::uint64_t modseq);
ResponseCode appenduid_code(std::uint32_t uidvalidity, std::uint32_t uid);
ResponseCode copyuid_code(std::uint32_t uidvalidity, const SequenceSet& from,
                          const SequenceSet& to);
ResponseCode modified_code(const SequenceSet& set);
ResponseCode permanentflags_code(const std::vector<std::string>& flags);
ResponseCode capability_code(const std::vector<std::string>& capabilities);

// "tag OK [CODE args] text\r\n"; an empty tag gives the untagged "* OK ...".
std::string status_response(std::string_view tag, Status status,
                            const std::optional<ResponseCode>& code, std::string_view text);
// "+ text\r\n"
std::string continuation(std::string_view text);
// The reply to a CommandReader error (see command_reader.hpp for the choice).
std::string reader_error_response(const ReadResult& error);

}  // namespace maillab::protocols::imap
