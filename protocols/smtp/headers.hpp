// Header fields an SMTP server or MTA adds to a message: the Received trace
// field (RFC 5321 §4.4), Return-Path at final delivery (RFC 5321 §4.4), and
// Date / Message-ID that a submission server adds when missing (RFC 6409 §8).
// Dates are RFC 5322 §3.3 date-times in UTC, from the time the owner supplies.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace maillab::protocols::smtp {

// "Sun, 22 Nov 2026 02:01:39 +0000"
std::string format_rfc5322_date(std::chrono::sys_seconds time);

// The "with" keyword of a Received field (RFC 3848, RFC 6531 §3.7.3):
// SMTP, ESMTP, ESMTPS, ESMTPA, ESMTPSA, or UTF8SMTP* for SMTPUTF8 mail.
std::string received_protocol(bool esmtp, bool tls, bool authenticated, bool smtputf8);

struct ReceivedInfo {
    std::string helo_name;      // what the client said in EHLO/HELO
    std::string peer_name;      // reverse-DNS name of the client, "unknown" if none
    std::string peer_address;   // "192.0.2.10" or "IPv6:2001:db8::1"
    std::string by_host;        // this server's name
    std::string protocol;       // from received_protocol()
    std::string id;             // this server's id for the transaction
    std::string for_recipient;  // written only when the message has one recipient
    std::chrono::sys_seconds date;
};
// The whole folded field, ending in CRLF.
std::string received_header(const ReceivedInfo& info);

std::string date_header(std::chrono::sys_seconds time);
std::string message_id_header(std::string_view unique_id, std::string_view host);
// "Return-Path: <a@b>\r\n", "<>" for bounces.
std::string return_path_header(std::string_view mail_from);

// True when the header section (up to the first empty line) has a field of
// that name, compared case-insensitively.
bool has_header(std::string_view message, std::string_view name);

}  // namespace maillab::protocols::smtp
