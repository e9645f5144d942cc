// EnginePair: links a client session and a server session in memory, with no
// network, so tests and benchmarks can run whole conversations (the h11
// ConnectionPair idea).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "protocols/core/session.hpp"

namespace maillab::protocols::core {

class EnginePair {
public:
    EnginePair(Session& client, Session& server) : client_(client), server_(server) {}

    void start() {
        server_.start();
        client_.start();
    }

    // Moves bytes both ways until neither side has anything to say or both
    // have closed. Returns the number of rounds; stops after max_rounds so a
    // buggy engine that talks forever fails the test instead of hanging it.
    std::size_t pump(std::size_t max_rounds = 100000) {
        std::size_t rounds = 0;
        for (; rounds < max_rounds; ++rounds) {
            std::string to_server = client_.take_output();
            std::string to_client = server_.take_output();
            collect();
            if (to_server.empty() && to_client.empty()) break;
            client_to_server_ += to_server;
            server_to_client_ += to_client;
            if (!to_server.empty() && !server_.closed()) server_.receive(to_server);
            if (!to_client.empty() && !client_.closed()) client_.receive(to_client);
        }
        collect();
        return rounds;
    }

    const std::string& client_to_server() const { return client_to_server_; }
    const std::string& server_to_client() const { return server_to_client_; }
    const std::vector<ProtocolEvent>& client_events() const { return client_events_; }
    const std::vector<ProtocolEvent>& server_events() const { return server_events_; }

private:
    void collect() {
        for (auto& e : client_.take_events())
            client_events_.push_back(std::move(e));
        for (auto& e : server_.take_events())
            server_events_.push_back(std::move(e));
    }

    Session& client_;
    Session& server_;
    std::string client_to_server_;
    std::string server_to_client_;
    std::vector<ProtocolEvent> client_events_;
    std::vector<ProtocolEvent> server_events_;
};

}  // namespace maillab::protocols::core
