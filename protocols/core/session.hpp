// Session: the sans-I/O contract every protocol engine (server or client)
// implements. Bytes in, bytes and events out; no sockets, clocks or threads.
// The owner (the simulator or the real-socket bridge) moves the bytes, keeps
// time, and calls on_timeout() when the session's timeout() has elapsed.
//
// Contract, tested for every engine: feeding the same input whole, byte by
// byte or in random chunks yields the same output and the same events.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/core/protocol_event.hpp"

namespace maillab::protocols::core {

class Session {
public:
    virtual ~Session() = default;

    // Server: queue the greeting. Client: prepare to read the greeting.
    virtual void start() = 0;
    // Any chunking: one byte or one megabyte at a time. Never throws for peer input.
    virtual void receive(std::string_view bytes) = 0;
    // Bytes to send now (possibly empty). Taking them empties the buffer.
    virtual std::string take_output() = 0;
    // Events since the last call, in the order they happened.
    virtual std::vector<ProtocolEvent> take_events() = 0;
    // True once the session has finished; the owner closes the connection
    // after sending whatever take_output() still returns.
    virtual bool closed() const = 0;

    // How long the session may wait for the peer before on_timeout(); none = forever.
    virtual std::optional<std::chrono::milliseconds> timeout() const { return std::nullopt; }
    virtual void on_timeout() = 0;
    // The connection dropped without a protocol goodbye (POP3: no UPDATE state).
    virtual void on_peer_closed() = 0;
    // After the session emitted EventKind::StartTls, the owner reports the handshake done.
    virtual void on_tls_established() {}
    // How long the owner should hold back the output produced by the last call
    // before sending it: a failed login is answered late (RFC 5321 §4.5.3,
    // RFC 1939 §4, Dovecot's auth_failure_delay). The session never waits itself.
    virtual std::chrono::milliseconds output_delay() const { return std::chrono::milliseconds{0}; }
};

}  // namespace maillab::protocols::core
