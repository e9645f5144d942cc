#include "viz/model/in_flight.hpp"

#include <algorithm>
#include <deque>
#include <map>

namespace maillab::viz {

namespace {

bool is_packet(sim::EventKind kind) {
    switch (kind) {
        case sim::EventKind::TcpSyn:
        case sim::EventKind::TcpSynAck:
        case sim::EventKind::TcpAck:
        case sim::EventKind::TcpSegment:
        case sim::EventKind::TcpRetransmit:
        case sim::EventKind::TcpSegmentLost:
        case sim::EventKind::TcpFin:
        case sim::EventKind::TcpRst:
        case sim::EventKind::DnsQuery:
        case sim::EventKind::DnsAnswer:
            return true;
        default:
            return false;
    }
}

PacketKind kind_of(const sim::Event& e, const sim::WorldState& world) {
    switch (e.kind) {
        case sim::EventKind::TcpSyn:
        case sim::EventKind::TcpSynAck:
        case sim::EventKind::TcpAck:
            return PacketKind::Handshake;
        case sim::EventKind::TcpSegmentLost:
            return PacketKind::Lost;
        case sim::EventKind::TcpFin:
        case sim::EventKind::TcpRst:
            return PacketKind::Control;
        case sim::EventKind::DnsQuery:
        case sim::EventKind::DnsAnswer:
            return PacketKind::Dns;
        default:
            break;
    }
    const auto conn = world.connections.find(e.conn);
    return conn != world.connections.end() && conn->second.tls ? PacketKind::Tls : PacketKind::Data;
}

}  // namespace

sim::SimTime InFlightIndex::path_latency(const sim::WorldState& world, sim::HostId from,
                                         sim::HostId to) {
    if (from == to) return 0;
    std::map<sim::HostId, sim::SimTime> best{{from, 0}};
    std::deque<sim::HostId> queue{from};
    while (!queue.empty()) {
        const sim::HostId here = queue.front();
        queue.pop_front();
        for (const auto& link : world.links) {
            sim::HostId next = sim::kNoHost;
            if (link.a == here)
                next = link.b;
            else if (link.b == here)
                next = link.a;
            if (next == sim::kNoHost || best.count(next) != 0) continue;
            best[next] = best[here] + link.latency_us;
            if (next == to) return best[next];
            queue.push_back(next);
        }
    }
    return 0;
}

std::vector<PacketInFlight> InFlightIndex::at(const sim::Trace& trace, const sim::WorldState& world,
                                              std::size_t cursor, sim::SimTime t) const {
    std::vector<PacketInFlight> out;
    cursor = std::min(cursor, trace.size());
    const std::size_t stop = cursor > kMaxScanEvents ? cursor - kMaxScanEvents : 0;
    for (std::size_t i = cursor; i-- > stop;) {
        const sim::Event& e = trace[i];
        if (t - e.t > kMaxFlightUs) break;
        if (!is_packet(e.kind) || e.host == sim::kNoHost) continue;
        sim::HostId to = e.peer;
        if (e.kind == sim::EventKind::DnsAnswer) to = e.host;
        sim::HostId from = e.kind == sim::EventKind::DnsAnswer ? e.peer : e.host;
        if (to == sim::kNoHost || from == sim::kNoHost) continue;
        const sim::SimTime latency = std::max<sim::SimTime>(path_latency(world, from, to), 1);
        const sim::SimTime age = t - e.t;
        if (age < 0 || age > latency) continue;
        out.push_back(
            {i, from, to, kind_of(e, world),
             static_cast<float>(static_cast<double>(age) / static_cast<double>(latency))});
    }
    std::reverse(out.begin(), out.end());
    return out;
}

}  // namespace maillab::viz
