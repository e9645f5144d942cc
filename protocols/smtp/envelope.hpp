// Envelope: what one SMTP transaction carries besides the message text. The
// MTA queues it and the DSN code reads it, so it keeps every MAIL and RCPT
// parameter the server accepted (RFC 5321 §3.3, RFC 3461, RFC 6152, RFC 6531).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace maillab::protocols::smtp {

// MAIL FROM:<...> BODY= (RFC 6152 8BITMIME). 7BIT when the client said nothing.
enum class BodyType { SevenBit, EightBitMime };

// MAIL FROM:<...> RET= (RFC 3461 §4.3): how much of the message a bounce returns.
enum class DsnReturn { Unspecified, Full, Headers };

// RCPT TO:<...> NOTIFY= (RFC 3461 §4.1). Nothing set means "not specified":
// the MTA then behaves as if FAILURE,DELAY was asked for.
struct DsnNotify {
    bool never = false;
    bool success = false;
    bool failure = false;
    bool delay = false;

    bool specified() const { return never || success || failure || delay; }
    bool operator==(const DsnNotify&) const = default;
};

struct EnvelopeRecipient {
    std::string address;  // as the client wrote it between the brackets
    DsnNotify notify;
    std::string orcpt;  // ORCPT= as sent: "rfc822;" + xtext (RFC 3461 §4.2), empty if none

    bool operator==(const EnvelopeRecipient&) const = default;
};

struct Envelope {
    std::string mail_from;                       // empty for the null reverse-path <> (bounces)
    std::optional<std::uint64_t> declared_size;  // SIZE= (RFC 1870)
    BodyType body = BodyType::SevenBit;
    bool smtputf8 = false;  // RFC 6531
    DsnReturn ret = DsnReturn::Unspecified;
    std::string envid;  // ENVID= as sent, still xtext-encoded (RFC 3461 §4.4)
    std::vector<EnvelopeRecipient> recipients;

    std::string helo_name;       // what the client called itself in EHLO/HELO
    bool esmtp = false;          // EHLO rather than HELO
    std::string auth_identity;   // the authenticated user, empty if none
    bool secure = false;         // TLS was active
    std::string transaction_id;  // written into Received "id" and the Message-ID

    bool operator==(const Envelope&) const = default;
};

}  // namespace maillab::protocols::smtp
