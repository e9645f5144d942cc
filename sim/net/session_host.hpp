// SessionHost: runs one sans-I/O protocol Session over one virtual TCP
// Connection, and copies everything the session says into the trace.
//
// - Bytes from the network go to session.receive(); after every call into
//   the session its events are traced and take_output() is sent.
// - session.closed() closes the connection (FIN) after the output is sent.
// - session.output_delay() > 0 after a call holds that call's output back for
//   the delay (a failed login is answered late) on the simulator's clock.
//   Output produced meanwhile queues behind it, in order, each chunk waiting
//   its own delay after the one before; input is still fed to the session (the
//   client may pipeline), a close waits until the held output is sent, and
//   the idle timer starts only once it is sent.
// - session.timeout() becomes a simulator timer that calls on_timeout(); it
//   is re-armed after every activity.
// - The peer's FIN, a reset or a timeout reach the session as on_peer_closed().
//
// The byte path is exactly from_network() and to_network(): a TLS layer
// (itself a sans-I/O decorator Session) is inserted by handing SessionHost the
// decorated session, or by changing only those two functions.
//
// Trace: Command (dir c2s) and Reply (dir s2c) with payload = the line(s),
// note = the Explanation's meaning, ref = its RFC section; SessionState for
// StateChange (payload = the state) and for Close (payload "closed", note =
// why); SessionNote for Note and StartTls. host is the host whose engine
// reported the event, so a conversation between two simulated engines shows
// each command twice, once per side.
//
// Lifetime: the connection owns its SessionHost (through the callbacks), so
// it lives exactly as long as the connection; keep the returned shared_ptr to
// inspect the session afterwards. The Simulator must outlive it.
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "protocols/core/session.hpp"
#include "sim/net/tcp.hpp"

namespace maillab::sim {

class SessionHost : public std::enable_shared_from_this<SessionHost> {
public:
    using Session = protocols::core::Session;

    // Client side: opens a connection and starts the session once it is up.
    static std::shared_ptr<SessionHost> connect(Tcp& tcp, HostId from, std::string_view to,
                                                std::uint16_t port,
                                                std::unique_ptr<Session> session);
    // Server side: for an accepted connection; returns it with the callbacks Tcp needs.
    static std::pair<std::shared_ptr<SessionHost>, ConnectionHandlers> accept(
        Tcp& tcp, Connection connection, std::unique_ptr<Session> session);

    SessionHost(Simulator& sim, HostId host, std::unique_ptr<Session> session);
    ~SessionHost();
    SessionHost(const SessionHost&) = delete;
    SessionHost& operator=(const SessionHost&) = delete;

    Session& session() { return *session_; }
    const Connection& connection() const { return connection_; }
    // The connection ended: cleanly closed, reset, or timed out.
    bool finished() const { return finished_; }
    // Why the connection failed ("connection refused", "connection timed out"); empty
    // while it has not. A client session that never started cannot say it itself.
    const std::string& failure() const { return failure_; }
    // Sends and records whatever the session produced outside a call from
    // this host (another session's store change woke it).
    void flush();

private:
    ConnectionHandlers handlers();
    void on_connected();
    void on_data(std::string_view bytes);
    void on_peer_closed();
    void on_failed(std::string_view reason);
    void on_timer();

    void from_network(std::string_view bytes);
    void to_network();
    void send_or_hold(std::string out, std::chrono::milliseconds delay);
    void schedule_release(std::chrono::milliseconds delay);
    void release_held();
    void close_when_sent();
    void pump();
    void record_events();
    void arm_timer();
    void cancel_timer();

    Simulator& sim_;
    HostId host_;
    std::unique_ptr<Session> session_;
    Connection connection_;
    std::optional<EventId> timer_;
    struct Held {
        std::chrono::milliseconds delay;
        std::string bytes;
    };
    std::deque<Held> held_;  // output waiting for its output_delay(), oldest first
    std::optional<EventId> release_;
    std::string failure_;
    bool close_pending_ = false;  // the session closed; close once held_ is sent
    bool client_side_ = false;    // this end opened the connection
    bool closing_ = false;
    bool finished_ = false;
};

}  // namespace maillab::sim
