// What real clients of `maillab serve` say about themselves, so the window
// can call them "alice" rather than "client 127.0.0.1:58700": the name they
// log in with (IMAP LOGIN, POP3 USER), else the sender of the mail they send
// (SMTP MAIL FROM), else the name in their IMAP ID, else their EHLO name. Indexed as the trace
// grows; only the commands of real-client connections are read.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "sim/trace/trace.hpp"

namespace maillab::viz {

class ClientNames {
public:
    // What one real client said about itself (empty: not said).
    struct Said {
        std::string login, id, ehlo;
        std::string sender;  // its last SMTP MAIL FROM address
    };

    void index(const sim::Trace& trace);
    // Host → the name to show; only real clients that have said something.
    const std::map<sim::HostId, std::string>& names() const { return names_; }
    // Null for a host that has said nothing.
    const Said* said(sim::HostId client) const;

private:
    void learn(sim::HostId client, std::string_view command);

    std::size_t indexed_ = 0;
    std::set<sim::HostId> real_clients_;
    std::map<sim::ConnId, sim::HostId> client_of_;
    std::map<sim::HostId, Said> said_;
    std::map<sim::HostId, std::string> names_;
};

}  // namespace maillab::viz
