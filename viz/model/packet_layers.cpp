#include "viz/model/packet_layers.hpp"

#include <cstdio>

#include "viz/model/session_position.hpp"
#include "viz/model/wire_view.hpp"

namespace maillab::viz {

namespace {

std::string address_of(const sim::WorldState& world, sim::HostId id) {
    const auto it = world.hosts.find(id);
    if (it == world.hosts.end()) return "?";
    const std::uint32_t ip = it->second.ipv4;
    char buf[24];
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xFFu, (ip >> 8) & 0xFFu,
                  ip & 0xFFu);
    return std::string{buf} + " (" + it->second.name + ")";
}

}  // namespace

std::vector<PacketLayer> packet_layers(const sim::Trace& trace, const sim::WorldState& world,
                                       std::size_t event) {
    if (event >= trace.size()) return {};
    const sim::Event& e = trace[event];
    if (e.kind != sim::EventKind::TcpSegment && e.kind != sim::EventKind::TcpRetransmit) return {};
    // The SYN names both ends and both ports.
    const std::size_t stop = event > kSessionSearchWindow ? event - kSessionSearchWindow : 0;
    const sim::Event* syn = nullptr;
    for (std::size_t i = event; i-- > stop;) {
        if (trace[i].conn == e.conn && trace[i].kind == sim::EventKind::TcpSyn) {
            syn = &trace[i];
            break;
        }
    }
    if (syn == nullptr) return {};
    const bool to_server = e.dir != sim::Direction::ServerToClient;
    const sim::HostId from = to_server ? syn->host : syn->peer;
    const sim::HostId to = to_server ? syn->peer : syn->host;
    const auto client_port = std::to_string(syn->value);
    const auto server_port = std::to_string(syn->aux);
    const std::string_view payload = trace.payload(e);
    const WireCapture c = capture_of(payload);

    std::vector<PacketLayer> layers;
    layers.push_back({"IP", {"from " + address_of(world, from), "to " + address_of(world, to)}});
    layers.push_back({"TCP",
                      {"port " + (to_server ? client_port : server_port) + " → " +
                           (to_server ? server_port : client_port),
                       std::to_string(payload.size()) + " octets of data" +
                           (e.kind == sim::EventKind::TcpRetransmit ? " (sent again)" : "")}});
    PacketLayer tls{"TLS", {}};
    for (const WireRecord& r : c.records)
        tls.lines.push_back(r.kind + ", " + std::to_string(r.length) +
                            " octets: " + r.first_octets);
    if (tls.lines.empty()) tls.lines.push_back("none: the data travels in the clear");
    layers.push_back(tls);
    PacketLayer app{"Application", {}};
    if (c.readable) {
        for (std::size_t k = 0; k < c.lines.size() && k < kLayerTextLines; ++k)
            app.lines.push_back(c.lines[k]);
        if (c.lines.size() > kLayerTextLines) app.lines.push_back("…");
    } else if (!c.records.empty()) {
        app.lines.push_back("encrypted: only the two ends can read it");
    } else {
        app.lines.push_back("binary data");
    }
    layers.push_back(app);
    return layers;
}

}  // namespace maillab::viz
