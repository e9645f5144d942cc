#include "protocols/tls/secure_session.hpp"

#include <algorithm>
#include <iterator>
#include <utility>
#include <vector>

namespace maillab::protocols::tls {

using core::EventKind;
using core::Explanation;

SecureSession::SecureSession(std::unique_ptr<core::Session> inner, TlsContext context, TlsMode mode)
    : inner_(std::move(inner)), context_(std::move(context)), mode_(mode) {}

void SecureSession::set_record_observer(RecordObserver observer) {
    observer_ = std::move(observer);
    if (engine_) engine_->set_record_observer(observer_);
}

void SecureSession::start() {
    if (mode_ == TlsMode::Implicit) {
        begin_tls();
        return;
    }
    inner_->start();
    inner_started_ = true;
    sync_inner();
}

void SecureSession::receive(std::string_view bytes) {
    if (closed_ || bytes.empty()) return;
    if (!engine_) {
        inner_->receive(bytes);
        sync_inner();
        return;
    }
    engine_->feed_ciphertext(bytes);
    advance_tls();
}

std::string SecureSession::take_output() {
    return std::exchange(network_out_, {});
}

std::vector<core::ProtocolEvent> SecureSession::take_events() {
    // The inner session may have spoken without being called (an IMAP session in IDLE
    // told of another session's change): collect and encrypt that too.
    if (inner_started_ && !closed_) sync_inner();
    return std::exchange(events_, {});
}

bool SecureSession::closed() const {
    return closed_ || inner_->closed();
}

std::chrono::milliseconds SecureSession::output_delay() const {
    return inner_started_ ? inner_->output_delay() : std::chrono::milliseconds{0};
}

std::optional<std::chrono::milliseconds> SecureSession::timeout() const {
    if (handshaking()) return kHandshakeTimeout;
    return inner_started_ ? inner_->timeout() : std::nullopt;
}

void SecureSession::on_timeout() {
    if (closed_) return;
    if (handshaking()) {
        connection_failed("TLS handshake timed out");
        return;
    }
    if (inner_started_) {
        inner_->on_timeout();
        sync_inner();
    }
}

void SecureSession::on_peer_closed() {
    if (closed_) return;
    if (engine_) {
        engine_->feed_eof();
        advance_tls();
    }
    tell_inner_peer_closed();
    closed_ = true;  // the connection is gone whatever the inner session thinks
}

void SecureSession::begin_tls() {
    engine_.emplace(context_);
    if (observer_) {
        engine_->set_record_observer(observer_);
    } else {
        // By default every record this side sends becomes an event, so a trace holds what
        // a sniffer would see next to the plaintext (the peer reports its own records).
        engine_->set_record_observer([this](const TlsRecord& record) {
            if (record.direction == RecordDirection::Sent)
                emit(EventKind::TlsRecord, record.bytes, explain(record));
        });
    }
    const bool implicit = mode_ == TlsMode::Implicit;
    emit(EventKind::Note,
         context_.role() == TlsRole::Client ? "TLS handshake begins: sending ClientHello"
                                            : "TLS handshake begins: waiting for ClientHello",
         implicit ? Explanation{"On this port TLS starts with the very first byte (implicit "
                                "TLS): nothing of the mail protocol is sent before the "
                                "handshake, not even the greeting.",
                                "RFC 8314 §3.3"}
                  : Explanation{"After STARTTLS both sides run a TLS handshake on the same "
                                "connection; the mail protocol continues inside it and "
                                "forgets everything said before.",
                                "RFC 3207 §4.2, RFC 2595 §4"});
    advance_tls();
}

// Moves everything the TLS engine has produced: events, plaintext for the
// inner session, ciphertext for the network.
void SecureSession::advance_tls() {
    if (engine_->failed()) {
        if (!closed_) connection_failed(engine_->error());
        network_out_ += engine_->take_ciphertext();
        return;
    }
    if (engine_->handshake_complete() && !established_) {
        established_ = true;
        emit(EventKind::Note,
             engine_->protocol_version() + " established, " + engine_->cipher_name(),
             Explanation{"The TLS handshake is complete: both sides share fresh keys, and "
                         "everything after this on the connection is encrypted and "
                         "integrity-protected. A sniffer sees only record sizes.",
                         "RFC 8446 §2"});
        if (mode_ == TlsMode::Implicit) {
            inner_->start();
            inner_started_ = true;
        } else {
            inner_->on_tls_established();
        }
        sync_inner();
    }
    if (const std::string plaintext = engine_->take_plaintext();
        !plaintext.empty() && inner_started_ && !inner_->closed()) {
        inner_->receive(plaintext);
        sync_inner();
    }
    if (engine_->peer_closed() && established_ && !close_notify_seen_) {
        close_notify_seen_ = true;
        emit(EventKind::Note, "TLS connection closed by the peer",
             Explanation{"The peer ended the TLS connection (close_notify or end of stream); "
                         "this side answers with its own close_notify.",
                         "RFC 8446 §6.1"});
        engine_->close_notify();
        tell_inner_peer_closed();
    }
    network_out_ += engine_->take_ciphertext();
}

// Collects the inner session's events and output after every call into it,
// and switches to TLS when it asks for STARTTLS.
void SecureSession::sync_inner() {
    bool start_tls = false;
    std::vector<core::ProtocolEvent> events = inner_->take_events();
    if (mode_ == TlsMode::StartTls && !engine_) {
        start_tls = std::any_of(events.begin(), events.end(), [](const core::ProtocolEvent& e) {
            return e.kind == EventKind::StartTls;
        });
    }
    // The inner session's events as they are: a FETCH of 100,000 messages is 100,000 events.
    if (events_.empty()) {
        events_ = std::move(events);
    } else {
        events_.insert(events_.end(), std::make_move_iterator(events.begin()),
                       std::make_move_iterator(events.end()));
    }
    std::string output = inner_->take_output();
    if (!engine_) {
        // still plaintext: the reply to STARTTLS goes in the clear
        if (network_out_.empty()) {
            network_out_ = std::move(output);
        } else {
            network_out_ += output;
        }
        if (start_tls && !closed_) begin_tls();
        return;
    }
    if (closed_) return;
    engine_->write_plaintext(output);
    if (inner_->closed() && established_ && !close_notify_sent_) {
        close_notify_sent_ = true;
        engine_->close_notify();
    }
    network_out_ += engine_->take_ciphertext();
}

void SecureSession::connection_failed(std::string reason) {
    closed_ = true;
    emit(EventKind::Close, std::move(reason),
         established_
             ? Explanation{"The TLS connection broke (a fatal alert, or a record that was "
                           "altered on the way); nothing more can be trusted, so the "
                           "connection is closed.",
                           "RFC 8446 §6.2"}
             : Explanation{"The TLS handshake failed, so there is no protected channel; the "
                           "connection is closed without sending any mail-protocol data.",
                           "RFC 8446 §6.2"});
    tell_inner_peer_closed();
}

void SecureSession::tell_inner_peer_closed() {
    if (!inner_started_ || inner_told_closed_ || inner_->closed()) return;
    inner_told_closed_ = true;
    inner_->on_peer_closed();
    for (auto& event : inner_->take_events())
        events_.push_back(std::move(event));
    if (!closed_ && established_) {
        engine_->write_plaintext(inner_->take_output());
        network_out_ += engine_->take_ciphertext();
    } else {
        inner_->take_output();  // nowhere safe to send it
    }
}

void SecureSession::emit(EventKind kind, std::string text, Explanation why) {
    events_.push_back(core::ProtocolEvent{kind, std::move(text), std::move(why)});
}

}  // namespace maillab::protocols::tls
