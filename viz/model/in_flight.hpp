// InFlight: which packets are on the wire at a given virtual time, and where
// — what the topology view animates. Derived from the trace alone: a segment
// sent at t from A to B is on the wire until t plus the latency of the path
// between them (the sum of the link latencies on the shortest path in hops).
#pragma once

#include <cstddef>
#include <vector>

#include "sim/state/world_state.hpp"

namespace maillab::viz {

enum class PacketKind { Handshake, Data, Tls, Lost, Control, Dns };

struct PacketInFlight {
    std::size_t event = 0;  // index of the trace event that sent it
    sim::HostId from = sim::kNoHost;
    sim::HostId to = sim::kNoHost;
    PacketKind kind = PacketKind::Data;
    float progress = 0.0f;  // 0 at the sender, 1 at the receiver
};

class InFlightIndex {
public:
    // Longest a packet may travel; bounds how far back the scan looks, so the
    // cost of a frame does not grow with the trace.
    static constexpr sim::SimTime kMaxFlightUs = 2'000'000;
    // And at most this many events back: a busy moment shows its newest packets.
    static constexpr std::size_t kMaxScanEvents = 256;

    // Packets sent among events [0, cursor) still travelling at time t.
    std::vector<PacketInFlight> at(const sim::Trace& trace, const sim::WorldState& world,
                                   std::size_t cursor, sim::SimTime t) const;

    static sim::SimTime path_latency(const sim::WorldState& world, sim::HostId from,
                                     sim::HostId to);
};

}  // namespace maillab::viz
