// SmtpBackend: the narrow interface an SMTP server session needs from the
// world behind it (the MTA queue, the user database, the clock). The session
// asks; the owner answers. No clocks, files or sockets inside the engine.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "protocols/smtp/envelope.hpp"

namespace maillab::protocols::smtp {

struct AcceptResult {
    enum class Kind {
        Queued,            // 250 2.0.0 Ok: queued as <queue_id>
        TemporaryFailure,  // 451 4.3.0
        PermanentFailure,  // 554 5.x.x (enhanced code from `enhanced`, default 5.3.0)
        QuotaFull,         // 552 5.2.2
    };
    Kind kind = Kind::Queued;
    std::string queue_id;
    std::string enhanced;  // for PermanentFailure, e.g. "5.7.1"; empty = default
    std::string text;      // optional detail appended to the reply
};

struct EtrnResult {
    enum class Kind {
        Started,     // 250 2.0.0 Queuing started (RFC 1985 §5)
        NoMessages,  // 251 2.0.0 OK, no messages waiting
        Unable,      // 458 4.0.0 Unable to queue messages for node
        NotAllowed,  // 459 4.7.1 Node not allowed
    };
    Kind kind = Kind::Started;
};

class SmtpBackend {
public:
    virtual ~SmtpBackend() = default;

    // Does this server accept mail for the domain (MX role: otherwise relay is denied)?
    virtual bool is_local_domain(std::string_view domain) const = 0;
    // Does the mailbox exist? Only asked for local domains.
    virtual bool recipient_exists(std::string_view address) const = 0;
    // AUTH PLAIN / LOGIN (RFC 4954): true if the credentials are good.
    virtual bool authenticate(std::string_view user, std::string_view password) = 0;
    // A finished message: the headers the server adds are already prepended.
    virtual AcceptResult accept(const Envelope& envelope, std::string message) = 0;
    // ETRN <domain>: start delivery of mail queued for that domain (RFC 1985).
    virtual EtrnResult etrn(std::string_view domain) = 0;
    // The time written into Received and Date headers: virtual or real, the owner decides.
    virtual std::chrono::sys_seconds now() const = 0;
    // A token unique to this server, for Received "id" and a new Message-ID.
    virtual std::string unique_id() = 0;
};

}  // namespace maillab::protocols::smtp
