// A captured segment layer by layer, as Packet Tracer's PDU details show it:
// IP (who sent it to whom), TCP (ports and length), TLS (its records, or
// none) and the application data (readable, or encrypted).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/state/world_state.hpp"

namespace maillab::viz {

struct PacketLayer {
    std::string name;  // "IP", "TCP", "TLS", "Application"
    std::vector<std::string> lines;
};

// How many application lines the view shows before "…".
inline constexpr std::size_t kLayerTextLines = 4;

// Empty unless `event` is a TCP segment whose connection's SYN lies within
// the last kSessionSearchWindow events before it.
std::vector<PacketLayer> packet_layers(const sim::Trace& trace, const sim::WorldState& world,
                                       std::size_t event);

}  // namespace maillab::viz
