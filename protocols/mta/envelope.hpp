// Envelope: what the MTA knows about one accepted message besides its bytes —
// the SMTP envelope (RFC 5321 §2.3.1), the DSN parameters a client may give
// (RFC 3461: RET, ENVID, NOTIFY, ORCPT) and, per recipient, the delivery state
// the queue keeps. These are maillab's own small types; the SMTP engine's
// parsed MAIL/RCPT parameters are copied into them when a message is queued.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maillab::protocols::mta {

using VirtualTime = std::int64_t;  // virtual microseconds, as the simulator's clock counts
using QueueId = std::uint64_t;     // 1, 2, 3 ... in the order messages were queued

constexpr VirtualTime kMicrosPerSecond = 1'000'000;
constexpr VirtualTime kMicrosPerMinute = 60 * kMicrosPerSecond;
constexpr VirtualTime kMicrosPerHour = 60 * kMicrosPerMinute;

// "00000A1F": Postfix-style upper-case hex, at least kQueueIdDigits digits.
constexpr int kQueueIdDigits = 8;
std::string format_queue_id(QueueId id);
std::optional<QueueId> parse_queue_id(std::string_view text);

// An SMTP reply as the delivery reported it: "550 5.1.1 <bob@x>: no such user".
struct SmtpReply {
    int code = 0;          // 250, 451, 550 ...
    std::string enhanced;  // "5.1.1" (RFC 3463); empty when the server sent none
    std::string text;      // the rest of the reply; lines joined with "; "

    bool positive() const { return code >= 200 && code < 300; }
    bool transient() const { return code >= 400 && code < 500; }
    bool permanent() const { return code >= 500 && code < 600; }
    std::string to_string() const;  // "550 5.1.1 text"
    bool operator==(const SmtpReply&) const = default;
};

// Parses "451 4.3.0 text" (the inverse of to_string); nullopt if the code is
// not three digits 2xx..5xx.
std::optional<SmtpReply> parse_smtp_reply(std::string_view line);

// RFC 3461 §4.1 NOTIFY: either NEVER, or any of SUCCESS, FAILURE, DELAY. When
// the client gave no NOTIFY the MTA behaves as FAILURE (and sends delay
// warnings only when DELAY was asked for: maillab's documented choice).
struct Notify {
    bool given = false;  // false: the client sent no NOTIFY parameter
    bool never = false;
    bool success = false;
    bool failure = false;
    bool delay = false;

    bool wants_failure() const { return !given || (!never && failure); }
    bool wants_success() const { return given && !never && success; }
    bool wants_delay() const { return given && !never && delay; }
    std::string to_string() const;  // "SUCCESS,FAILURE", "NEVER", "" when not given
    bool operator==(const Notify&) const = default;
};

// Parses the NOTIFY value list; nullopt when malformed (NEVER combined with
// another keyword, an unknown keyword, an empty list).
std::optional<Notify> parse_notify(std::string_view value);

// RFC 3461 §4.3 RET: what a failure DSN returns of the original message.
enum class Ret { Unspecified, Full, Hdrs };

enum class RecipientState { Pending, Deferred, Delivered, Bounced };
std::string_view to_string(RecipientState state);
std::optional<RecipientState> recipient_state_from_string(std::string_view text);

struct Recipient {
    std::string address;  // "bob@example.org" (no angle brackets)
    Notify notify;
    std::string orcpt;  // RFC 3461 ORCPT as given, "rfc822;bob@example.org", or empty

    RecipientState state = RecipientState::Pending;
    SmtpReply reply;         // the last reply that decided the state
    std::string status;      // DSN Status ("5.1.1", "4.4.7"); empty while pending
    std::string remote_mta;  // the host that answered, for Remote-MTA
    int attempts = 0;        // delivery attempts made for this recipient
    VirtualTime next_attempt = 0;
    VirtualTime last_attempt = -1;  // -1: never attempted
    bool delay_warned = false;      // a delay DSN was already sent

    bool done() const {
        return state == RecipientState::Delivered || state == RecipientState::Bounced;
    }
    bool operator==(const Recipient&) const = default;
};

struct Envelope {
    QueueId id = 0;      // assigned by the queue
    std::string sender;  // reverse-path without brackets; empty for "<>" (a bounce)
    std::vector<Recipient> recipients;
    std::string envid;  // RFC 3461 ENVID, or empty
    Ret ret = Ret::Unspecified;
    bool smtputf8 = false;        // RFC 6531
    bool eight_bit_mime = false;  // RFC 6152 BODY=8BITMIME
    std::string message;          // the message bytes as received (CRLF lines)
    VirtualTime arrival = 0;

    bool is_bounce() const { return sender.empty(); }
    bool operator==(const Envelope&) const = default;
};

// One message in the queue: the envelope with its per-recipient state, and
// when delivery was first tried.
struct QueueEntry {
    Envelope envelope;
    VirtualTime first_attempt = -1;  // -1: not tried yet

    bool done() const;                 // every recipient delivered or bounced
    VirtualTime next_attempt() const;  // earliest next_attempt of an unfinished recipient
    bool operator==(const QueueEntry&) const = default;
};

// The part after the last '@', lower-cased; empty when there is none.
std::string domain_of(std::string_view address);
std::string lower_ascii(std::string_view text);

}  // namespace maillab::protocols::mta
