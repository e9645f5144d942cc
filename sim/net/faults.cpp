#include "sim/net/faults.hpp"

namespace maillab::sim {

EventId Faults::link_at(SimTime at, LinkId link, bool up) {
    Network& net = tcp_.network();
    return net.sim().schedule_at(at, [&net, link, up] { net.set_link_up(link, up); });
}

EventId Faults::host_at(SimTime at, HostId host, bool up) {
    Network& net = tcp_.network();
    return net.sim().schedule_at(at, [&net, host, up] { net.set_host_up(host, up); });
}

EventId Faults::crash_at(SimTime at, HostId host) {
    Tcp& tcp = tcp_;
    return tcp.network().sim().schedule_at(at, [&tcp, host] { tcp.crash_host(host); });
}

}  // namespace maillab::sim
