// TlsEngine: one TLS connection (client or server), sans-I/O. Ciphertext from
// the network goes in with feed_ciphertext(), ciphertext for the network comes
// out of take_ciphertext(); the application writes and takes plaintext. No
// sockets, clocks or threads: OpenSSL works on two memory BIOs.
//
// Implemented: TLS 1.2 and 1.3 handshakes (RFC 5246, RFC 8446) as client or
// server, SNI and certificate/host-name checks for verifying clients,
// application data both ways, close_notify (RFC 8446 §6.1), failure on any
// alert or non-TLS input (never an exception or crash), a record observer for
// every record in both directions, key logging through the context.
// Not implemented: session resumption, 0-RTT data, post-handshake client
// authentication, renegotiation (refused on purpose).
#pragma once

#include <string>
#include <string_view>

#include "protocols/tls/openssl_handles.hpp"
#include "protocols/tls/tls_context.hpp"
#include "protocols/tls/tls_record.hpp"

namespace maillab::protocols::tls {

class TlsEngine {
public:
    // A client engine writes its ClientHello at once (see take_ciphertext());
    // a server engine waits for one.
    explicit TlsEngine(const TlsContext& context);

    // Bytes from the network, in any chunks. Ignored after failure.
    void feed_ciphertext(std::string_view bytes);
    // Bytes for the network (handshake messages, records, alerts). Empties the buffer.
    std::string take_ciphertext();
    // Application bytes to encrypt; held back until the handshake completes.
    void write_plaintext(std::string_view bytes);
    // Application bytes decrypted so far. Empties the buffer.
    std::string take_plaintext();
    // The network connection ended (TCP FIN). During the handshake that is a failure.
    void feed_eof();
    // Sends the close_notify alert after any pending plaintext; nothing may follow.
    void close_notify();

    TlsRole role() const { return context_.role(); }
    bool handshake_complete() const { return handshake_complete_; }
    bool failed() const { return failed_; }
    // Why the connection failed, e.g. "TLS handshake failed: ... wrong version number".
    const std::string& error() const { return error_; }
    // The peer sent close_notify or the connection ended.
    bool peer_closed() const { return peer_closed_; }
    bool close_notify_sent() const { return close_sent_; }

    // "TLS 1.3" / "TLS 1.2" once the handshake is complete, empty before.
    std::string protocol_version() const;
    // The IANA name, e.g. "TLS_AES_256_GCM_SHA384", empty before the handshake.
    std::string cipher_name() const;

    // Called for every complete record: sent ones when taken, received ones when fed.
    void set_record_observer(RecordObserver observer) { observer_ = std::move(observer); }

private:
    void advance();
    void read_available();
    void flush_plaintext();
    void check(int ssl_result, const std::string& what);
    void fail(std::string message);
    void report(RecordSplitter& splitter, std::string_view bytes);

    TlsContext context_;
    SslPtr ssl_;
    BIO* network_in_ = nullptr;   // owned by ssl_: ciphertext we were fed
    BIO* network_out_ = nullptr;  // owned by ssl_: ciphertext to send
    std::string plaintext_out_;
    std::string plaintext_in_;
    RecordSplitter sent_records_{RecordDirection::Sent};
    RecordSplitter received_records_{RecordDirection::Received};
    RecordObserver observer_;
    bool handshake_complete_ = false;
    bool failed_ = false;
    bool peer_closed_ = false;
    bool close_sent_ = false;
    std::string error_;
};

}  // namespace maillab::protocols::tls
