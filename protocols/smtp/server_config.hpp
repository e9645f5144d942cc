// How one SMTP listener behaves: its role (RFC 5321 MX, RFC 6409 submission,
// RFC 8314 implicit-TLS submission), what it may offer, and its limits.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace maillab::protocols::smtp {

// Postfix 3.8 defaults, so the lab behaves like the server students meet.
inline constexpr std::size_t kDefaultMaxMessageOctets = 10'240'000;       // message_size_limit
inline constexpr std::size_t kDefaultMaxRecipients = 1000;                // smtpd_recipient_limit
inline constexpr std::size_t kDefaultSoftErrorLimit = 10;                 // smtpd_soft_error_limit
inline constexpr std::size_t kDefaultHardErrorLimit = 20;                 // smtpd_hard_error_limit
inline constexpr std::chrono::milliseconds kDefaultIdleTimeout{300'000};  // smtpd_timeout
inline constexpr std::chrono::milliseconds kDefaultErrorDelay{1000};      // smtpd_error_sleep_time

enum class ServerRole {
    Mx,           // port 25: mail for our own domains only, no AUTH
    Submission,   // port 587: AUTH before MAIL, relays anywhere (RFC 6409)
    Submissions,  // port 465: like Submission, TLS from the first byte (RFC 8314)
};

struct ServerLimits {
    std::size_t max_message_octets = kDefaultMaxMessageOctets;
    std::size_t max_recipients = kDefaultMaxRecipients;
    // From this many 5xx replies on, the owner should delay each reply (reply_delay()).
    std::size_t soft_error_limit = kDefaultSoftErrorLimit;
    // At this many 5xx replies the server says 421 4.7.0 and hangs up.
    std::size_t hard_error_limit = kDefaultHardErrorLimit;
    std::chrono::milliseconds idle_timeout = kDefaultIdleTimeout;
    std::chrono::milliseconds error_delay = kDefaultErrorDelay;
};

struct ServerConfig {
    ServerRole role = ServerRole::Mx;
    std::string hostname = "mx.example.test";
    std::string peer_address = "192.0.2.1";  // written into Received
    std::string peer_name;                   // reverse-DNS name, empty = "unknown"
    bool tls_available = false;              // a TLS layer can take over after STARTTLS
    // AUTH may be offered before TLS (a loopback listener); otherwise only after STARTTLS.
    bool plaintext_auth_allowed = false;
    // False makes the server answer EHLO with 502 like a pre-ESMTP server (HELO fallback lessons).
    bool ehlo_enabled = true;
    ServerLimits limits;
};

}  // namespace maillab::protocols::smtp
