#include "sim/net/network.hpp"

#include <algorithm>
#include <deque>
#include <stdexcept>

namespace maillab::sim {

std::string_view to_string(HostRole role) {
    switch (role) {
        case HostRole::Device:
            return "device";
        case HostRole::Server:
            return "server";
        case HostRole::Dns:
            return "dns";
        case HostRole::Router:
            return "router";
        case HostRole::RealClient:
            return "real-client";
    }
    return "device";
}

struct Network::InFlight {
    Datagram datagram;
    Route route;
    std::size_t next_hop = 0;
    HostId at = kNoHost;  // where the packet is now
    bool lost = false;    // drawn when it started on its current hop
};

Network::Network(Simulator& sim) : sim_(sim) {}

Network::~Network() = default;

HostId Network::add_host(std::string name, std::string_view ipv4, HostRole role) {
    const auto address = parse_ipv4(ipv4);
    if (!address) throw std::invalid_argument("Network::add_host: bad IPv4 address");
    if (name.empty() || find_host(name) || find_host(ipv4)) {
        throw std::invalid_argument("Network::add_host: empty or duplicate name or address");
    }
    const auto id = static_cast<HostId>(hosts_.size());
    hosts_.push_back(Host{id, std::move(name), *address, role, true});
    adjacency_.emplace_back();
    topology_changed();
    sim_.record({.kind = EventKind::HostAdded,
                 .host = id,
                 .value = static_cast<std::int64_t>(*address),
                 .payload = hosts_.back().name,
                 .note = to_string(role)});
    return id;
}

LinkId Network::add_link(HostId a, HostId b, LinkParams params) {
    if (a >= hosts_.size() || b >= hosts_.size() || a == b || find_link(a, b)) {
        throw std::invalid_argument("Network::add_link: unknown hosts, self-link or duplicate");
    }
    if (params.latency < 0 || params.loss < 0.0 || params.loss > 1.0) {
        throw std::invalid_argument("Network::add_link: negative latency or loss outside [0,1]");
    }
    const auto id = static_cast<LinkId>(links_.size());
    links_.push_back(Link{.id = id, .a = a, .b = b, .params = params});
    adjacency_[a].push_back(id);
    adjacency_[b].push_back(id);
    topology_changed();
    const std::string note = "latency " + std::to_string(params.latency) + " us, bandwidth " +
                             std::to_string(params.bandwidth_bps) + " bit/s, loss " +
                             std::to_string(params.loss);
    sim_.record({.kind = EventKind::LinkAdded,
                 .host = a,
                 .peer = b,
                 .value = params.latency,
                 .note = note});
    return id;
}

std::optional<HostId> Network::find_host(std::string_view name_or_address) const {
    const auto address = parse_ipv4(name_or_address);
    for (const Host& h : hosts_) {
        if (address ? h.address == *address : h.name == name_or_address) return h.id;
    }
    return std::nullopt;
}

std::optional<LinkId> Network::find_link(HostId a, HostId b) const {
    if (a >= adjacency_.size()) return std::nullopt;
    for (LinkId id : adjacency_[a]) {
        const Link& l = links_[id];
        if ((l.a == a && l.b == b) || (l.a == b && l.b == a)) return id;
    }
    return std::nullopt;
}

void Network::set_host_up(HostId id, bool up, std::string_view why) {
    Host& h = hosts_.at(id);
    if (h.up == up) return;
    h.up = up;
    topology_changed();
    sim_.record({.kind = up ? EventKind::HostUp : EventKind::HostDown, .host = id, .note = why});
}

void Network::set_link_up(LinkId id, bool up) {
    Link& l = links_.at(id);
    if (l.up == up) return;
    l.up = up;
    topology_changed();
    sim_.record({.kind = up ? EventKind::LinkUp : EventKind::LinkDown, .host = l.a, .peer = l.b});
}

std::optional<Route> Network::route(HostId from, HostId to) const {
    return cached_route(from, to);
}

const std::optional<Route>& Network::cached_route(HostId from, HostId to) const {
    const std::uint64_t key = (static_cast<std::uint64_t>(from) << 32) | to;
    if (auto it = route_cache_.find(key); it != route_cache_.end()) return it->second;

    std::optional<Route> result;
    if (from < hosts_.size() && to < hosts_.size() && hosts_[from].up && hosts_[to].up) {
        std::vector<std::optional<Hop>> came_by(hosts_.size());
        std::vector<bool> seen(hosts_.size(), false);
        std::deque<HostId> frontier{from};
        seen[from] = true;
        while (!frontier.empty() && !seen[to]) {
            const HostId here = frontier.front();
            frontier.pop_front();
            for (LinkId id : adjacency_[here]) {
                const Link& l = links_[id];
                const HostId next = l.a == here ? l.b : l.a;
                if (!l.up || seen[next] || !hosts_[next].up) continue;
                seen[next] = true;
                came_by[next] = Hop{id, next};
                frontier.push_back(next);
            }
        }
        if (seen[to]) {
            Route path;
            for (HostId at = to; at != from;) {
                const Hop hop = *came_by[at];
                path.push_back(hop);
                const Link& l = links_[hop.link];
                at = l.a == at ? l.b : l.a;
            }
            std::reverse(path.begin(), path.end());
            result = std::move(path);
        }
    }
    return route_cache_.emplace(key, std::move(result)).first->second;
}

SimTime Network::serialisation_time(std::size_t octets, std::uint64_t bandwidth_bps) {
    if (bandwidth_bps == 0) return 0;
    const std::uint64_t bits_times_us = static_cast<std::uint64_t>(octets) * 8u * 1'000'000u;
    return static_cast<SimTime>((bits_times_us + bandwidth_bps - 1) / bandwidth_bps);
}

void Network::send(Datagram datagram) {
    const std::optional<Route>& route_found = cached_route(datagram.from, datagram.to);
    if (!route_found) {
        if (datagram.on_drop) {
            const bool sender_up = datagram.from < hosts_.size() && hosts_[datagram.from].up;
            datagram.on_drop(sender_up ? "no route to the destination" : "the sender is down");
        }
        return;
    }
    if (route_found->empty()) {  // to itself: loopback, no link involved
        sim_.schedule(0, std::move(datagram.on_arrival));
        return;
    }
    const PacketIndex packet = in_flight_.lend();
    InFlight& p = in_flight_[packet];
    p.datagram = std::move(datagram);
    p.route.assign(route_found->begin(), route_found->end());  // a lent route keeps its capacity
    p.next_hop = 0;
    p.at = p.datagram.from;
    forward(packet);
}

void Network::forward(PacketIndex packet) {
    InFlight& p = in_flight_[packet];
    const Hop hop = p.route[p.next_hop];
    Link& l = links_[hop.link];
    if (!l.up || !hosts_[p.at].up) {
        return drop(packet, !l.up ? "the link is down" : "a host on the path is down");
    }
    const int direction = l.a == p.at ? 0 : 1;
    const SimTime start = std::max(sim_.now(), l.busy_until[direction]);
    const SimTime done = start + serialisation_time(p.datagram.octets, l.params.bandwidth_bps);
    l.busy_until[direction] = done;
    p.lost = sim_.chance(l.params.loss);
    const SimTime arrival = done + l.params.latency;
    sim_.schedule_at(arrival, [this, packet] { hop_done(packet); });
}

void Network::hop_done(PacketIndex packet) {
    InFlight& p = in_flight_[packet];
    const Hop hop = p.route[p.next_hop];
    const Link& link = links_[hop.link];
    if (p.lost) {
        return drop(packet,
                    "lost on the link " + hosts_[link.a].name + " - " + hosts_[link.b].name);
    }
    if (!link.up) return drop(packet, "the link went down while the packet was on it");
    if (!hosts_[hop.to].up) return drop(packet, "the receiving host is down");
    p.at = hop.to;
    if (++p.next_hop == p.route.size()) return deliver(packet);
    forward(packet);
}

// The packet is given back only after its callback ran: the callback may send
// packets of its own, and they must not take this one's place while it runs.
void Network::drop(PacketIndex packet, std::string_view why) {
    InFlight& p = in_flight_[packet];
    if (p.datagram.on_drop) p.datagram.on_drop(why);
    p.datagram = {};
    in_flight_.give_back(packet);
}

void Network::deliver(PacketIndex packet) {
    InFlight& p = in_flight_[packet];
    if (p.datagram.on_arrival) p.datagram.on_arrival();
    p.datagram = {};
    in_flight_.give_back(packet);
}

}  // namespace maillab::sim
