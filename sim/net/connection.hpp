// Connection: the handle the layer above (SessionHost, a device script) holds
// for one end of a virtual TCP connection, and the callbacks it receives.
// The handle is a small value; using it after the connection ended is
// harmless (send returns false, close and abort do nothing). The Tcp that
// made it must outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "sim/trace/event.hpp"

namespace maillab::sim {

class Tcp;
using EndpointId = std::uint64_t;

struct ConnectionHandlers {
    std::function<void()> on_connected;             // handshake complete
    std::function<void(std::string_view)> on_data;  // in-order bytes, each exactly once
    std::function<void()> on_peer_closed;           // the peer's FIN: no more data will come
    std::function<void()> on_closed;                // both directions finished cleanly
    std::function<void(std::string_view reason)> on_failed;  // refused, reset or timed out
};

class Connection {
public:
    Connection() = default;

    // Queues bytes for sending; false when the connection can no longer send.
    bool send(std::string_view bytes);
    // Sends FIN after all queued bytes (half-close: the peer may keep sending).
    void close();
    // Sends RST and forgets the connection at once.
    void abort();
    bool open() const;

    ConnId id() const { return conn_; }
    HostId host() const { return host_; }
    HostId peer() const { return peer_; }
    // ClientToServer for the end that connected, ServerToClient for the accepting end.
    Direction outgoing() const { return outgoing_; }

private:
    friend class Tcp;
    Connection(Tcp* tcp, EndpointId endpoint, ConnId conn, HostId host, HostId peer,
               Direction outgoing)
        : tcp_(tcp),
          endpoint_(endpoint),
          conn_(conn),
          host_(host),
          peer_(peer),
          outgoing_(outgoing) {}

    Tcp* tcp_ = nullptr;
    EndpointId endpoint_ = 0;
    ConnId conn_ = kNoConn;
    HostId host_ = kNoHost;
    HostId peer_ = kNoHost;
    Direction outgoing_ = Direction::None;
};

}  // namespace maillab::sim
