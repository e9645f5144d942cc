// Service: a protocol server on a host and port. Each accepted connection
// gets a fresh Session from the factory, run by its own SessionHost.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/net/session_host.hpp"

namespace maillab::sim {

class Service {
public:
    // Gets the accepted connection, so the session can know its peer (SMTP
    // writes the client's address into the Received header).
    using Factory =
        std::function<std::unique_ptr<protocols::core::Session>(const Connection& accepted)>;

    // Listens at once (ServiceListening, payload = protocol).
    Service(Tcp& tcp, HostId host, std::uint16_t port, std::string protocol, Factory factory);

    HostId host() const { return host_; }
    std::uint16_t port() const { return port_; }
    std::size_t accepted() const { return state_->sessions.size(); }
    // The sessions this service has run, in the order of acceptance (ended ones
    // drop out when flush_sessions runs).
    const std::vector<std::weak_ptr<SessionHost>>& sessions() const { return state_->sessions; }
    // Lets every live session send what it produced without being called
    // (IMAP IDLE news caused by another session), and forgets ended ones.
    void flush_sessions();

private:
    struct State {
        Factory factory;
        std::vector<std::weak_ptr<SessionHost>> sessions;
    };
    HostId host_;
    std::uint16_t port_;
    std::shared_ptr<State> state_;  // shared with the listener, which may outlive this object
};

}  // namespace maillab::sim
