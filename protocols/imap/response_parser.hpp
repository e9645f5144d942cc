// Response parser for the IMAP client (RFC 3501 §7, §9 "response"): turns
// the server's byte stream (any chunking) into complete responses and
// parses each one into a small value tree.
//
// - ResponseReader assembles one response: its line plus every literal
//   "{n}" CRLF and its n octets, written inline like CommandReader does for
//   commands. The literal size is checked against kMaxResponseLiteralOctets
//   before a single octet is buffered, the lines against
//   kMaxResponseLineOctets; either error is final (the client cannot find
//   the next response boundary in a stream it refused to read).
// - parse_response splits it into tagged status ("a1 OK [CODE args] text"),
//   untagged status ("* OK ...", "* BYE ...", "* PREAUTH ..."), untagged
//   data ("* 3 FETCH (...)", "* SEARCH 1 2", "* VANISHED (EARLIER) 4:6",
//   "* ESEARCH ...", "* LIST ...", "* CAPABILITY ...") and continuation
//   requests ("+ ..."). Data is a list of values: atoms (liberal: flags like
//   \Seen and \*, sequence sets like 1:*, section names like
//   BODY[HEADER.FIELDS (SUBJECT)]<0>), quoted strings, literals, NIL and
//   parenthesised lists, nested at most kMaxResponseNesting deep and at most
//   kMaxResponseValues values in all.
// - Helpers read what the client needs: FETCH items (UID, FLAGS, MODSEQ,
//   BODY[]), response codes (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, COPYUID,
//   MODIFIED, CAPABILITY) and sets of UIDs, expanded at most
//   kMaxExpandedUids at a time.
// Not done: BODYSTRUCTURE and ENVELOPE get no typed view (they parse as lists).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/core/line_framer.hpp"
#include "protocols/imap/response_writer.hpp"
#include "protocols/imap/sequence_set.hpp"

namespace maillab::protocols::imap {

// One response's lines together, literal octets not counted. A SEARCH
// answer for 100,000 messages needs about 700 KiB.
inline constexpr std::size_t kMaxResponseLineOctets = 1024 * 1024;
// Literal octets one response may carry (a whole message in BODY[]).
inline constexpr std::uint64_t kMaxResponseLiteralOctets = 50ULL * 1024 * 1024;
// Parenthesised lists inside one another (BODYSTRUCTURE of nested multiparts).
inline constexpr std::size_t kMaxResponseNesting = 32;
// Values (atoms, strings, lists) in one response.
inline constexpr std::size_t kMaxResponseValues = 200000;
// Flags of one message kept from a FETCH (a real mailbox has a handful).
inline constexpr std::size_t kMaxFetchFlags = 256;
// UIDs one set from the server ("1:4294967295") is expanded to.
inline constexpr std::size_t kMaxExpandedUids = 200000;

enum class ResponseReadStatus { Complete, NeedMore, LineTooLong, LiteralTooBig };

class ResponseReader {
public:
    ResponseReader();

    void feed(std::string_view bytes);
    // Complete: the response is in response(). NeedMore: feed more bytes.
    // The two errors are final.
    ResponseReadStatus next();
    const std::string& response() const { return response_; }
    // Drops buffered input (plaintext pipelined behind STARTTLS, RFC 3501 §6.2.1).
    void discard_buffered();

private:
    core::LineFramer framer_;
    std::string response_;
    std::string partial_;
    std::size_t line_octets_ = 0;
    std::uint64_t literal_octets_ = 0;
    std::uint64_t literal_remaining_ = 0;
    bool in_literal_ = false;
    std::optional<ResponseReadStatus> failed_;
};

struct Value {
    enum class Type { Atom, String, Nil, List };
    Type type = Type::Atom;
    std::string text;  // atom or string contents
    std::vector<Value> items;

    bool is_atom(std::string_view upper) const;  // case-insensitive
    std::optional<std::uint32_t> number() const;
    std::optional<std::uint64_t> number64() const;

    bool operator==(const Value&) const = default;
};

struct ParsedCode {
    std::string name;  // upper case: "COPYUID"
    std::vector<Value> args;
    std::string raw;  // the arguments as sent

    bool operator==(const ParsedCode&) const = default;
};

struct ServerResponse {
    enum class Kind { Tagged, Untagged, Continuation };
    Kind kind = Kind::Untagged;
    std::string tag;                      // Tagged only
    std::optional<Status> status;         // OK/NO/BAD/BYE/PREAUTH
    std::optional<ParsedCode> code;       // "[...]" after a status
    std::string text;                     // human-readable text after the status and code
    std::optional<std::uint32_t> number;  // "* 3 FETCH": 3
    std::string name;                     // untagged data name, upper case: "FETCH"
    std::vector<Value> data;              // the values after the name

    bool operator==(const ServerResponse&) const = default;
};

// Parses one response as ResponseReader assembled it (no final CRLF).
std::optional<ServerResponse> parse_response(std::string_view text, std::string* error = nullptr);

// The FETCH items the client uses; flags beyond kMaxFetchFlags are dropped.
struct FetchData {
    std::optional<std::uint32_t> uid;
    std::optional<std::vector<std::string>> flags;
    std::optional<std::uint64_t> modseq;
    std::optional<std::string> body;  // BODY[] / RFC822
};
FetchData fetch_data(const ServerResponse& response);

// Numbers of a set such as "304,319:320", in order; nothing when it is not
// a set of numbers, contains "*" or expands beyond kMaxExpandedUids.
std::optional<std::vector<std::uint32_t>> expand_uid_set(std::string_view text);

struct CopyUid {
    std::uint32_t uidvalidity = 0;
    std::vector<std::uint32_t> source;
    std::vector<std::uint32_t> destination;  // same length as source
};
// COPYUID (RFC 4315 §3): nothing when malformed or the sets differ in length.
std::optional<CopyUid> copy_uid(const ParsedCode& code);

// The status of "OK"/"NO"... by name, any case.
std::optional<Status> status_from_name(std::string_view name);

}  // namespace maillab::protocols::imap
