// Network: the hosts and links of a simulated world, routing, and the
// delivery of datagrams hop by hop on the simulator's clock. TCP (tcp.hpp)
// and DNS (dns.hpp) send their packets through send().
//
// Model, kept simple and deterministic:
// - A host has a name, an IPv4 address, a role (a label for views and
//   lessons) and is up or down. Every up host forwards packets.
// - A link joins two hosts with a latency, a bandwidth and a loss
//   probability; each direction is a FIFO queue, so a packet starts
//   serialising when the previous one on that direction has left:
//   arrival = max(now, busy_until) + octets*8/bandwidth + latency.
// - A packet takes every link of its route when it is sent, one after the
//   other, each from when it would reach it: links serve packets in the
//   order they were sent, and a packet costs one kernel event, not one per
//   link (a packet sent later cannot overtake it at a router; on links of
//   100 Mbit/s the difference is microseconds).
// - Loss is drawn from the simulator's seeded RNG once per packet per link,
//   when it is sent; a lost packet is dropped when it reaches that link's end.
// - The route is the shortest path (in hops) over up links and up hosts,
//   found by BFS visiting links in the order they were added, so ties
//   always break the same way. It is fixed when a packet is sent. A link
//   down when the packet starts on it or reaches its end, or a host down
//   when the packet reaches it, drops it; this is decided when the packet
//   arrives, from the last time each went down and came back.
// - Routes between hosts with two links or more are cached until such a host
//   or a link between two of them changes. A host with a single link (a
//   laptop, a server, each real client of maillab serve) is never on another
//   host's path, so its routes are that link plus its neighbour's route, put
//   together when needed: clients that come and go leave the cache alone.
//   The last few put together are kept until any host or link changes.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/kernel/pool.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/net/ipv4.hpp"

namespace maillab::sim {

using LinkId = std::uint32_t;

enum class HostRole { Device, Server, Dns, Router, RealClient };
std::string_view to_string(HostRole role);

struct Host {
    HostId id = kNoHost;
    std::string name;
    Ipv4 address = 0;
    HostRole role = HostRole::Device;
    bool up = true;
};

struct LinkParams {
    SimTime latency = 1'000;                    // microseconds, one way
    std::uint64_t bandwidth_bps = 100'000'000;  // bits per second; 0 = infinite
    double loss = 0.0;                          // probability a packet is lost on this link
};

struct Link {
    LinkId id = 0;
    HostId a = kNoHost;
    HostId b = kNoHost;
    LinkParams params;
    bool up = true;
    SimTime busy_until[2] = {0, 0};  // per direction: [0] a->b, [1] b->a
};

struct Hop {
    LinkId link = 0;
    HostId to = kNoHost;
};
using Route = std::vector<Hop>;

// Hears about the packets it sent without a std::function per packet: the
// network passes back the token it was given (TCP sends every segment so).
class PacketSink {
public:
    virtual void packet_arrived(std::uint32_t token) = 0;
    virtual void packet_lost(std::uint32_t token, std::string_view why) = 0;

protected:
    virtual ~PacketSink() = default;
};

struct Datagram {
    HostId from = kNoHost;
    HostId to = kNoHost;
    std::size_t octets = 0;  // on the wire, headers included
    std::function<void()> on_arrival;
    // Called (possibly before send() returns) with why the packet was dropped.
    std::function<void(std::string_view why)> on_drop;
    // Instead of the two callbacks: sink->packet_arrived(token) or packet_lost.
    PacketSink* sink = nullptr;
    std::uint32_t token = 0;
};

class Network {
public:
    explicit Network(Simulator& sim);
    ~Network();
    Network(const Network&) = delete;
    Network& operator=(const Network&) = delete;

    Simulator& sim() { return sim_; }
    Trace& trace() { return sim_.trace(); }

    // Throws std::invalid_argument for a bad or duplicate address or name.
    HostId add_host(std::string name, std::string_view ipv4, HostRole role);
    // Throws std::invalid_argument for unknown hosts, a self-link or a second link between a pair.
    LinkId add_link(HostId a, HostId b, LinkParams params = {});

    const Host& host(HostId id) const { return hosts_.at(id); }
    const Link& link(LinkId id) const { return links_.at(id); }
    std::size_t host_count() const { return hosts_.size(); }
    std::size_t link_count() const { return links_.size(); }
    // By name or dotted address.
    std::optional<HostId> find_host(std::string_view name_or_address) const;
    std::optional<LinkId> find_link(HostId a, HostId b) const;

    // Record HostUp/HostDown (note = why, if given), LinkUp/LinkDown when the state changes.
    void set_host_up(HostId id, bool up, std::string_view why = {});
    void set_link_up(LinkId id, bool up);

    std::optional<Route> route(HostId from, HostId to) const;
    void send(Datagram datagram);

    // Microseconds to put octets on a link of this bandwidth, rounded up.
    static SimTime serialisation_time(std::size_t octets, std::uint64_t bandwidth_bps);

private:
    struct InFlight;
    using PacketIndex = Pool<InFlight>::Index;
    const std::optional<Route>& cached_route(HostId from, HostId to) const;
    // BFS between two hosts with two links or more (through any hosts).
    std::optional<Route> search_route(HostId from, HostId to) const;
    // From or to a host with fewer than two links, into path (cleared first);
    // false when there is none.
    bool route_via_neighbours(HostId from, HostId to, Route& path) const;
    bool routes_through(HostId host) const { return adjacency_[host].size() >= 2; }
    // At the end of a packet's last link (or of the one it was lost on).
    void arrive(PacketIndex packet);
    void drop(PacketIndex packet, std::string_view why);
    void deliver(PacketIndex packet);
    // A host or link came, went, came up or went down: the leaf routes are
    // stale, and the route cache too when the change was on a path between
    // hosts with two links or more (a leaf and its own link are on none).
    void state_changed(bool between_routers) {
        ++state_version_;
        if (between_routers) route_cache_.clear();
    }

    // The last time a host or link went down and came back (-1: never), so
    // a packet can tell whether one was down when it passed.
    struct Outage {
        SimTime down_at = -1;
        SimTime back_at = -1;
        bool up_at(bool up_now, SimTime t) const;
    };

    Simulator& sim_;
    std::vector<Host> hosts_;
    std::vector<Link> links_;
    std::vector<Outage> host_outages_;  // by HostId
    std::vector<Outage> link_outages_;  // by LinkId
    std::vector<std::vector<LinkId>> adjacency_;
    std::unordered_map<std::string, HostId> by_name_;
    std::unordered_map<Ipv4, HostId> by_address_;
    mutable std::unordered_map<std::uint64_t, std::optional<Route>> route_cache_;
    // Routes from or to a leaf, kept until the next change of state: the
    // cache above leaves them out so that a leaf's coming and going does not
    // flush it, and assembling one around its cached middle for every packet
    // cost as much as sending the packet.
    struct LeafRoute {
        HostId from = kNoHost;
        HostId to = kNoHost;
        std::uint64_t version = 0;  // state_version_ when it was assembled
        std::optional<Route> route;
    };
    mutable std::array<LeafRoute, 8> leaf_routes_;
    static std::size_t leaf_route_slot(HostId from, HostId to);
    std::uint64_t state_version_ = 1;
    Pool<InFlight> in_flight_;
};

}  // namespace maillab::sim
