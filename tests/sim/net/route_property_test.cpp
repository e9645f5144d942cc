// Routes under random growth and failures equal those of a plain breadth-first
// search over the current links (shortest in hops, ties broken by the order
// links were added), whatever the route cache keeps and whichever host has a
// single link.
#include <catch2/catch.hpp>
#include <deque>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "sim/net/network.hpp"

using namespace maillab::sim;

namespace {

// The rule of network.hpp, written out with nothing cached.
std::optional<Route> reference_route(const Network& net, HostId from, HostId to) {
    if (!net.host(from).up || !net.host(to).up) return std::nullopt;
    std::vector<std::vector<LinkId>> adjacency(net.host_count());
    for (LinkId id = 0; id < net.link_count(); ++id) {
        adjacency[net.link(id).a].push_back(id);
        adjacency[net.link(id).b].push_back(id);
    }
    std::vector<std::optional<Hop>> came_by(net.host_count());
    std::vector<bool> seen(net.host_count(), false);
    std::deque<HostId> frontier{from};
    seen[from] = true;
    while (!frontier.empty()) {
        const HostId here = frontier.front();
        frontier.pop_front();
        for (LinkId id : adjacency[here]) {
            const Link& l = net.link(id);
            const HostId next = l.a == here ? l.b : l.a;
            if (!l.up || seen[next] || !net.host(next).up) continue;
            seen[next] = true;
            came_by[next] = Hop{id, next};
            frontier.push_back(next);
        }
    }
    if (!seen[to]) return std::nullopt;
    Route path;
    for (HostId at = to; at != from;) {
        path.insert(path.begin(), *came_by[at]);
        const Link& l = net.link(came_by[at]->link);
        at = l.a == at ? l.b : l.a;
    }
    return path;
}

bool same(const std::optional<Route>& a, const std::optional<Route>& b) {
    if (a.has_value() != b.has_value()) return false;
    if (!a) return true;
    if (a->size() != b->size()) return false;
    for (std::size_t i = 0; i < a->size(); ++i) {
        if ((*a)[i].link != (*b)[i].link || (*a)[i].to != (*b)[i].to) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("routes match a plain search while hosts and links come, go and fail") {
    for (std::uint32_t seed = 1; seed <= 40; ++seed) {
        CAPTURE(seed);
        std::mt19937 random{seed};
        Simulator sim{seed};
        Network net{sim};
        const auto pick = [&](std::size_t n) {
            return static_cast<std::uint32_t>(
                std::uniform_int_distribution<std::size_t>{0, n - 1}(random));
        };
        for (int step = 0; step < 300; ++step) {
            const int action = static_cast<int>(pick(10));
            const std::size_t hosts = net.host_count();
            if (hosts < 2 || action < 3) {
                const std::string n = std::to_string(hosts);
                const HostId added = net.add_host(
                    "h" + n,
                    "10.1." + std::to_string(hosts / 250) + "." + std::to_string(hosts % 250 + 1),
                    HostRole::Device);
                if (hosts > 0 && pick(4) != 0) net.add_link(added, pick(hosts));
            } else if (action < 5) {
                const HostId a = pick(hosts), b = pick(hosts);
                if (a != b && !net.find_link(a, b)) net.add_link(a, b);
            } else if (action < 7 && net.link_count() > 0) {
                const LinkId l = pick(net.link_count());
                net.set_link_up(l, !net.link(l).up);
            } else if (action < 9) {
                const HostId h = pick(hosts);
                net.set_host_up(h, !net.host(h).up);
            }
            for (int probe = 0; probe < 6; ++probe) {
                const HostId from = pick(net.host_count()), to = pick(net.host_count());
                CAPTURE(step, from, to);
                REQUIRE(same(net.route(from, to), reference_route(net, from, to)));
            }
        }
    }
}
