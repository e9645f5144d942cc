#include "sim/net/service.hpp"

#include <stdexcept>

namespace maillab::sim {

Service::Service(Tcp& tcp, HostId host, std::uint16_t port, std::string protocol, Factory factory)
    : host_(host), port_(port), state_(std::make_shared<State>()) {
    if (!factory) throw std::invalid_argument("Service: empty session factory");
    state_->factory = std::move(factory);
    tcp.listen(
        host, port,
        [&tcp, state = state_](Connection connection) {
            auto [session_host, handlers] =
                SessionHost::accept(tcp, connection, state->factory(connection));
            state->sessions.push_back(session_host);
            return handlers;
        },
        protocol);
}

void Service::flush_sessions() {
    auto& sessions = state_->sessions;
    std::erase_if(sessions, [](const std::weak_ptr<SessionHost>& weak) {
        const auto host = weak.lock();
        if (!host || host->finished()) return true;
        host->flush();
        return false;
    });
}

}  // namespace maillab::sim
