// ClientSession: a sans-I/O SMTP client (RFC 5321) that delivers one message
// to one server: the engine the MTA and the simulated mail programs use.
//
// Implemented:
// - [x] Greeting, EHLO with HELO fallback on 500/502 (RFC 5321 §3.2, §4.1.1.1)
// - [x] Multi-line replies with limits (ReplyParser, reply.hpp)
// - [x] STARTTLS when offered or required (RFC 3207), new EHLO afterwards
// - [x] AUTH PLAIN with initial response and AUTH LOGIN (RFC 4954, RFC 4616)
// - [x] PIPELINING: MAIL and all RCPTs in one burst (RFC 2920 §3.1)
// - [x] SIZE, BODY=8BITMIME, SMTPUTF8, DSN parameters when the server offers them
// - [x] DATA with dot-stuffing, or BDAT ... LAST when CHUNKING is offered and wanted
// - [x] Per-recipient results: 2xx delivered, 4xx retry later, 5xx permanent;
//       421, a broken reply, a dropped connection or a timeout leave every
//       undecided recipient as a temporary failure
// Not yet: several messages per connection, RSET between them, AUTH
// mechanisms other than PLAIN/LOGIN, sending BODY=BINARYMIME.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/core/session_base.hpp"
#include "protocols/core/tls_policy.hpp"
#include "protocols/smtp/envelope.hpp"
#include "protocols/smtp/reply.hpp"

namespace maillab::protocols::smtp {

inline constexpr std::chrono::milliseconds kDefaultClientTimeout{300'000};  // RFC 5321 §4.5.3.2

using core::TlsPolicy;
enum class AuthMechanism { Plain, Login };

struct ClientCredentials {
    std::string user;
    std::string password;
    AuthMechanism mechanism = AuthMechanism::Plain;
};

struct ClientJob {
    std::string ehlo_name = "client.example.test";
    Envelope envelope;  // mail_from, its parameters and the recipients
    std::string message;
    TlsPolicy tls = TlsPolicy::Never;
    std::optional<ClientCredentials> auth;
    bool use_chunking = false;  // send with BDAT when the server offers CHUNKING
    std::chrono::milliseconds timeout = kDefaultClientTimeout;
};

enum class DeliveryStatus { Pending, Delivered, TemporaryFailure, PermanentFailure };

struct RecipientResult {
    std::string address;
    DeliveryStatus status = DeliveryStatus::Pending;
    bool accepted_at_rcpt = false;
    Reply reply;  // the reply that decided this recipient
};

struct ClientResult {
    std::vector<RecipientResult> recipients;
    DeliveryStatus message_status = DeliveryStatus::Pending;
    Reply final_reply;  // the reply that decided the message
    std::string error;  // a connection-level failure, empty if none
    bool tls = false;
    bool authenticated = false;
    bool pipelined = false;
    bool chunked = false;
};

struct ServerCapabilities {
    bool esmtp = false;
    bool pipelining = false;
    bool starttls = false;
    bool chunking = false;
    bool eightbitmime = false;
    bool smtputf8 = false;
    bool dsn = false;
    bool size = false;
    std::vector<std::string> auth_mechanisms;  // upper-cased

    bool offers_auth(std::string_view mechanism) const;
};
// Reads the extension keywords of a 250 EHLO reply (RFC 5321 §4.1.1.1).
ServerCapabilities parse_ehlo_reply(const Reply& reply);

class ClientSession : public core::SessionBase {
public:
    explicit ClientSession(ClientJob job);

    void start() override;
    void receive(std::string_view bytes) override;
    std::optional<std::chrono::milliseconds> timeout() const override;
    void on_timeout() override;
    void on_peer_closed() override;
    void on_tls_established() override;

    const ClientResult& result() const { return result_; }
    const ServerCapabilities& capabilities() const { return caps_; }

private:
    enum class Step {
        Greeting,
        Ehlo,
        Helo,
        StartTls,
        TlsHandshake,
        AuthStart,
        AuthUser,
        AuthResult,
        Envelope,
        Data,
        Body,
        Quit,
        Done,
    };

    void handle_reply(const Reply& reply);
    void command(const std::string& line, std::string_view shown = {});
    // An AUTH LOGIN answer: sent in base64, shown as *** in the events.
    void auth_response(std::string_view secret);
    void send_ehlo();
    void after_ehlo();
    void start_auth();
    void start_mail();
    void send_next_envelope_command();
    void handle_envelope_reply(const Reply& reply);
    void after_envelope();
    void send_message();
    void finish_message(const Reply& reply);
    void quit();
    // Every undecided recipient gets this reply; `temporary` forces a 4xx meaning.
    void fail_all(const Reply& reply, bool temporary);
    void fail_connection(std::string why);
    std::string mail_command() const;
    std::string rcpt_command(const EnvelopeRecipient& rcpt) const;

    ClientJob job_;
    std::string body_;  // the message with CRLF line ends
    ReplyParser parser_;
    ServerCapabilities caps_;
    ClientResult result_;
    Step step_ = Step::Greeting;
    bool tls_declined_ = false;
    // Envelope phase: commands sent and replies still expected, in order (0 = MAIL).
    std::size_t envelope_sent_ = 0;
    std::size_t envelope_answered_ = 0;
    Reply mail_reply_;
};

}  // namespace maillab::protocols::smtp
