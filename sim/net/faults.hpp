// Faults: take links and hosts down and up at a given time, or crash a host
// (its connections vanish; see Tcp::crash_host). For faults right now call
// Network::set_link_up / set_host_up or Tcp::crash_host directly. What a
// crashed server keeps (its store, its queue) is the store's business.
#pragma once

#include "sim/net/tcp.hpp"

namespace maillab::sim {

class Faults {
public:
    explicit Faults(Tcp& tcp) : tcp_(tcp) {}

    EventId link_at(SimTime at, LinkId link, bool up);
    EventId host_at(SimTime at, HostId host, bool up);
    EventId crash_at(SimTime at, HostId host);

private:
    Tcp& tcp_;
};

}  // namespace maillab::sim
