// SecureSession: puts TLS under any plaintext protocol session. It wraps an
// inner core::Session (SMTP, POP3, IMAP; client or server) and is itself a
// core::Session whose input and output are the bytes on the wire, so the
// simulator and the real-socket bridge drive it like any other session.
//
// - Implicit TLS (ports 465, 993, 995; RFC 8314 §3.3): TLS from the first
//   byte. The inner session starts only after the handshake, so a server's
//   greeting travels encrypted.
// - STARTTLS (RFC 3207, RFC 2595, RFC 3501 §6.2.1): plaintext until the inner
//   session emits EventKind::StartTls. Its output up to then (the "220 Ready
//   to start TLS" reply, or the client's STARTTLS command) goes out in the
//   clear; from then on every byte is TLS, and when the handshake completes
//   the inner session hears on_tls_established().
//   Command injection defence: a received chunk goes to the inner session
//   whole, so plaintext pipelined behind STARTTLS in the same chunk reaches
//   the inner session before the switch, which must discard it; it is never
//   fed to TLS nor delivered later as if it had been protected.
//
// Events: the inner session's events, plus Notes when the handshake begins,
// when it completes ("TLS 1.3 established, TLS_AES_256_GCM_SHA384") and when
// the peer sends close_notify; a failed handshake (or a broken connection
// later) is a Close event, and the connection closes cleanly: the alert is
// still in take_output(), and the inner session hears on_peer_closed().
// Not implemented: telling an implicit-TLS inner session that it runs under
// TLS (configure it so at construction); renegotiation; session resumption.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocols/core/session.hpp"
#include "protocols/tls/tls_context.hpp"
#include "protocols/tls/tls_engine.hpp"

namespace maillab::protocols::tls {

enum class TlsMode {
    Implicit,  // TLS from the first byte
    StartTls,  // plaintext until the inner session emits StartTls
};

class SecureSession : public core::Session {
public:
    // A client that connects and says nothing must not hold the port forever.
    static constexpr std::chrono::milliseconds kHandshakeTimeout{30'000};

    SecureSession(std::unique_ptr<core::Session> inner, TlsContext context, TlsMode mode);

    core::Session& inner() { return *inner_; }
    const core::Session& inner() const { return *inner_; }
    // The TLS connection, once it has begun (null before STARTTLS).
    const TlsEngine* engine() const { return engine_ ? &*engine_ : nullptr; }
    bool tls_established() const { return established_; }
    // Every TLS record both ways, for the trace ("what a sniffer sees").
    void set_record_observer(RecordObserver observer);

    void start() override;
    void receive(std::string_view bytes) override;
    std::string take_output() override;
    std::vector<core::ProtocolEvent> take_events() override;
    bool closed() const override;
    std::optional<std::chrono::milliseconds> timeout() const override;
    void on_timeout() override;
    void on_peer_closed() override;
    // The inner session's delay: its answer, now ciphertext, is still held back.
    std::chrono::milliseconds output_delay() const override;

private:
    void begin_tls();
    void advance_tls();
    void sync_inner();
    void connection_failed(std::string reason);
    void tell_inner_peer_closed();
    void emit(core::EventKind kind, std::string text, core::Explanation why);
    bool handshaking() const { return engine_ && !established_ && !closed_; }

    std::unique_ptr<core::Session> inner_;
    TlsContext context_;
    TlsMode mode_;
    std::optional<TlsEngine> engine_;
    RecordObserver observer_;
    std::string network_out_;
    std::vector<core::ProtocolEvent> events_;
    bool inner_started_ = false;
    bool inner_told_closed_ = false;
    bool established_ = false;
    bool close_notify_sent_ = false;  // ours, once the inner session has closed
    bool close_notify_seen_ = false;
    bool closed_ = false;
};

}  // namespace maillab::protocols::tls
