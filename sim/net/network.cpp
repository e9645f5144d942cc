#include "sim/net/network.hpp"

#include <algorithm>
#include <deque>
#include <stdexcept>

namespace maillab::sim {

namespace {
const std::optional<Route> kNoRoute;
}  // namespace

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
    std::vector<SimTime> hop_end;  // when the packet reaches the end of route[i]
    SimTime sent_at = 0;
    bool lost = false;  // on the last hop in hop_end, drawn when the packet was sent
};

bool Network::Outage::up_at(bool up_now, SimTime t) const {
    if (!up_now) return t < down_at;
    return !(down_at >= 0 && down_at <= t && t < back_at);
}

Network::Network(Simulator& sim) : sim_(sim) {}

Network::~Network() = default;

HostId Network::add_host(std::string name, std::string_view ipv4, HostRole role) {
    const auto address = parse_ipv4(ipv4);
    if (!address) throw std::invalid_argument("Network::add_host: bad IPv4 address");
    if (name.empty() || find_host(name) || find_host(ipv4)) {
        throw std::invalid_argument("Network::add_host: empty or duplicate name or address");
    }
    const auto id = static_cast<HostId>(hosts_.size());
    by_name_.emplace(name, id);
    by_address_.emplace(*address, id);
    hosts_.push_back(Host{id, std::move(name), *address, role, true});
    host_outages_.emplace_back();
    adjacency_.emplace_back();
    state_changed(false);  // with no link yet, it is on no cached route
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
    link_outages_.emplace_back();
    adjacency_[a].push_back(id);
    adjacency_[b].push_back(id);
    state_changed(routes_through(a) && routes_through(b));  // else: a leaf's own link
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
    if (const auto address = parse_ipv4(name_or_address)) {
        const auto it = by_address_.find(*address);
        return it == by_address_.end() ? std::nullopt : std::optional<HostId>{it->second};
    }
    const auto it = by_name_.find(std::string{name_or_address});
    return it == by_name_.end() ? std::nullopt : std::optional<HostId>{it->second};
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
    (up ? host_outages_[id].back_at : host_outages_[id].down_at) = sim_.now();
    state_changed(routes_through(id));
    sim_.record({.kind = up ? EventKind::HostUp : EventKind::HostDown, .host = id, .note = why});
}

void Network::set_link_up(LinkId id, bool up) {
    Link& l = links_.at(id);
    if (l.up == up) return;
    l.up = up;
    (up ? link_outages_[id].back_at : link_outages_[id].down_at) = sim_.now();
    state_changed(routes_through(l.a) && routes_through(l.b));
    sim_.record({.kind = up ? EventKind::LinkUp : EventKind::LinkDown, .host = l.a, .peer = l.b});
}

std::optional<Route> Network::route(HostId from, HostId to) const {
    return cached_route(from, to);
}

// A multiplicative hash into the eight slots, so that a conversation's two
// directions (from -> to, to -> from) land apart: with a linear one they
// met, and every answer pushed out the route of the request before it.
std::size_t Network::leaf_route_slot(HostId from, HostId to) {
    static_assert(std::tuple_size_v<decltype(leaf_routes_)> == 8, "the hash keeps 3 bits");
    return static_cast<std::size_t>(((from * 0x9E3779B1u) ^ to) * 0x85EBCA6Bu) >> 29;
}

const std::optional<Route>& Network::cached_route(HostId from, HostId to) const {
    if (from >= hosts_.size() || to >= hosts_.size()) return kNoRoute;
    if (from == to || !routes_through(from) || !routes_through(to)) {
        LeafRoute& memo = leaf_routes_[leaf_route_slot(from, to)];
        if (memo.version == state_version_ && memo.from == from && memo.to == to) return memo.route;
        memo.from = from;
        memo.to = to;
        memo.version = state_version_;
        if (!memo.route) memo.route.emplace();  // an engaged route keeps its buffer
        if (!route_via_neighbours(from, to, *memo.route)) memo.route.reset();
        return memo.route;
    }
    const std::uint64_t key = (static_cast<std::uint64_t>(from) << 32) | to;
    if (auto it = route_cache_.find(key); it != route_cache_.end()) return it->second;
    return route_cache_.emplace(key, search_route(from, to)).first->second;
}

// The same path the search would find: a search from a leaf can only leave
// through its link and then goes on exactly as a search from the neighbour,
// and it reaches a leaf only from the leaf's neighbour.
bool Network::route_via_neighbours(HostId from, HostId to, Route& path) const {
    path.clear();
    if (!hosts_[from].up || !hosts_[to].up) return false;
    if (from == to) return true;
    std::optional<Hop> first, last;
    HostId start = from, end = to;
    // The hop from (or to) a host with a single link, if it is usable.
    const auto leaf_hop = [this](HostId leaf) -> std::optional<Hop> {
        if (adjacency_[leaf].size() != 1) return std::nullopt;
        const Link& l = links_[adjacency_[leaf][0]];
        if (!l.up) return std::nullopt;
        return Hop{l.id, l.a == leaf ? l.b : l.a};
    };
    if (!routes_through(from)) {
        first = leaf_hop(from);  // to the neighbour
        if (!first) return false;
        if (first->to == to) {
            path.push_back(*first);
            return true;
        }
        if (!hosts_[first->to].up) return false;
        start = first->to;
    }
    if (!routes_through(to)) {
        const auto back = leaf_hop(to);
        if (!back) return false;
        end = back->to;  // the neighbour of `to`
        if (end != start && !hosts_[end].up) return false;
        last = Hop{back->link, to};
    }
    if (first) path.push_back(*first);
    if (start != end) {
        if (!routes_through(start) || !routes_through(end)) return false;  // two leaves apart
        const std::optional<Route>& middle = cached_route(start, end);
        if (!middle) return false;
        path.insert(path.end(), middle->begin(), middle->end());
    }
    if (last) path.push_back(*last);
    return true;
}

std::optional<Route> Network::search_route(HostId from, HostId to) const {
    if (!hosts_[from].up || !hosts_[to].up) return std::nullopt;
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
    if (!seen[to]) return std::nullopt;
    Route path;
    for (HostId at = to; at != from;) {
        const Hop hop = *came_by[at];
        path.push_back(hop);
        const Link& l = links_[hop.link];
        at = l.a == at ? l.b : l.a;
    }
    std::reverse(path.begin(), path.end());
    return path;
}

SimTime Network::serialisation_time(std::size_t octets, std::uint64_t bandwidth_bps) {
    if (bandwidth_bps == 0) return 0;
    const std::uint64_t bits_times_us = static_cast<std::uint64_t>(octets) * 8u * 1'000'000u;
    return static_cast<SimTime>((bits_times_us + bandwidth_bps - 1) / bandwidth_bps);
}

void Network::send(Datagram datagram) {
    const std::optional<Route>& route_found = cached_route(datagram.from, datagram.to);
    if (!route_found) {
        const bool sender_up = datagram.from < hosts_.size() && hosts_[datagram.from].up;
        const std::string_view why =
            sender_up ? "no route to the destination" : "the sender is down";
        if (datagram.sink) {
            datagram.sink->packet_lost(datagram.token, why);
        } else if (datagram.on_drop) {
            datagram.on_drop(why);
        }
        return;
    }
    if (route_found->empty()) {  // to itself: loopback, no link involved
        if (datagram.sink) {
            sim_.schedule(
                0, [sink = datagram.sink, token = datagram.token] { sink->packet_arrived(token); });
        } else {
            sim_.schedule(0, std::move(datagram.on_arrival));
        }
        return;
    }
    const PacketIndex packet = in_flight_.lend();
    InFlight& p = in_flight_[packet];
    p.datagram = std::move(datagram);
    p.route.assign(route_found->begin(), route_found->end());  // a lent route keeps its capacity
    p.hop_end.clear();
    p.sent_at = sim_.now();
    p.lost = false;
    // Every link of the route is taken now, in turn: one kernel event per
    // packet instead of one per link (network.hpp says what that changes).
    SimTime t = p.sent_at;
    HostId at = p.datagram.from;
    for (const Hop& hop : p.route) {
        Link& l = links_[hop.link];
        const int direction = l.a == at ? 0 : 1;
        const SimTime start = std::max(t, l.busy_until[direction]);
        const SimTime done = start + serialisation_time(p.datagram.octets, l.params.bandwidth_bps);
        l.busy_until[direction] = done;
        t = done + l.params.latency;
        p.hop_end.push_back(t);
        at = hop.to;
        p.lost = sim_.chance(l.params.loss);
        if (p.lost) break;  // it goes no further than this link's end
    }
    sim_.schedule_at(t, [this, packet] { arrive(packet); });
}

void Network::arrive(PacketIndex packet) {
    InFlight& p = in_flight_[packet];
    // What the packet met on its way, hop by hop, as if it had been there.
    SimTime hop_start = p.sent_at;
    for (std::size_t i = 0; i < p.hop_end.size(); ++i) {
        const Hop hop = p.route[i];
        const Link& link = links_[hop.link];
        const Outage& outage = link_outages_[hop.link];
        if (!outage.up_at(link.up, hop_start)) return drop(packet, "the link is down");
        if (p.lost && i + 1 == p.hop_end.size()) {
            return drop(packet,
                        "lost on the link " + hosts_[link.a].name + " - " + hosts_[link.b].name);
        }
        if (!outage.up_at(link.up, p.hop_end[i])) {
            return drop(packet, "the link went down while the packet was on it");
        }
        if (!host_outages_[hop.to].up_at(hosts_[hop.to].up, p.hop_end[i])) {
            return drop(packet, "the receiving host is down");
        }
        hop_start = p.hop_end[i];
    }
    deliver(packet);
}

// The packet is given back only after its callback ran: the callback may send
// packets of its own, and they must not take this one's place while it runs.
void Network::drop(PacketIndex packet, std::string_view why) {
    InFlight& p = in_flight_[packet];
    if (p.datagram.sink) {
        p.datagram.sink->packet_lost(p.datagram.token, why);
    } else if (p.datagram.on_drop) {
        p.datagram.on_drop(why);
    }
    p.datagram = {};
    in_flight_.give_back(packet);
}

void Network::deliver(PacketIndex packet) {
    InFlight& p = in_flight_[packet];
    if (p.datagram.sink) {
        p.datagram.sink->packet_arrived(p.datagram.token);
    } else if (p.datagram.on_arrival) {
        p.datagram.on_arrival();
    }
    p.datagram = {};
    in_flight_.give_back(packet);
}

}  // namespace maillab::sim
