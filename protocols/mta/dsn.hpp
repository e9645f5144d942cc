// DSN: the delivery status notification an MTA mails back to the sender
// (RFC 3464 report format, RFC 3461 SMTP DSN extension, RFC 6522 multipart/report).
//
// Implemented:
//  [x] multipart/report; report-type=delivery-status with three parts: a
//      plain-language text for the student, message/delivery-status, and the
//      returned message (message/rfc822 whole, or text/rfc822-headers)
//  [x] per-message fields: Reporting-MTA, Original-Envelope-Id, Arrival-Date
//  [x] per-recipient fields: Original-Recipient (from ORCPT, xtext decoded),
//      Final-Recipient, Action (failed/delayed/delivered/relayed), Status,
//      Remote-MTA, Diagnostic-Code, Last-Attempt-Date, Will-Retry-Until
//  [x] RET=FULL / RET=HDRS; without RET: whole message for failures, headers otherwise
//  [x] who gets one: never for a message from <> (no bounce loops), NOTIFY=NEVER
//      gets none, FAILURE (the default) failures, SUCCESS deliveries, DELAY delays
//  [x] sent from "MAILER-DAEMON@host" with the empty envelope sender
//  [ ] message/global-delivery-status (RFC 6533) for SMTPUTF8 messages: UTF-8
//      addresses are written as "utf-8;" but the report stays message/delivery-status
//  [ ] folding of very long Diagnostic-Code lines
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/mta/date_format.hpp"
#include "protocols/mta/envelope.hpp"

namespace maillab::protocols::mta {

enum class DsnAction { Failed, Delayed, Delivered, Relayed };
std::string_view to_string(DsnAction action);

// RFC 3461 §4.1/§4.3 and RFC 3464 §2: does this recipient's NOTIFY ask for a
// DSN with this action, given who sent the message?
bool dsn_wanted(const Envelope& original, const Recipient& recipient, DsnAction action);

struct DsnReport {
    std::string address;  // Final-Recipient
    std::string orcpt;    // ORCPT as given ("rfc822;bob@x"), may be empty
    DsnAction action = DsnAction::Failed;
    std::string status;      // "5.1.1"
    SmtpReply diagnostic;    // the reply that decided it; code 0 = none
    std::string remote_mta;  // may be empty
    VirtualTime last_attempt = -1;
    VirtualTime will_retry_until = -1;  // delayed only
};

DsnReport make_dsn_report(const Recipient& recipient, DsnAction action);

struct DsnContext {
    std::string reporting_host;  // "mx.example.org": Reporting-MTA and MAILER-DAEMON@host
    VirtualTime now = 0;
    std::int64_t epoch_unix_seconds = kDefaultWorldEpochUnixSeconds;
    QueueId dsn_id = 0;  // the DSN's own queue id, used in Message-ID and the boundary
};

// The complete DSN message bytes (CRLF lines).
std::string compose_dsn(const Envelope& original, const std::vector<DsnReport>& reports,
                        const DsnContext& context);

// The DSN as a message to queue: empty sender, the original sender as its
// only recipient (NOTIFY=NEVER), the composed bytes.
Envelope make_dsn_envelope(const Envelope& original, const std::vector<DsnReport>& reports,
                           const DsnContext& context);

// RFC 3461 §4: "+XX" hex escapes in xtext (ENVID, ORCPT) decoded.
std::string decode_xtext(std::string_view text);

}  // namespace maillab::protocols::mta
