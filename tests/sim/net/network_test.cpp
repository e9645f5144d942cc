#include "sim/net/network.hpp"

#include <catch2/catch.hpp>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/sim/net/test_world.hpp"

using namespace maillab::sim;
using maillab::test::TestWorld;

TEST_CASE("IPv4 addresses parse and format as dotted quads") {
    REQUIRE(parse_ipv4("10.0.0.1") == 0x0A000001u);
    REQUIRE(parse_ipv4("255.255.255.255") == 0xFFFFFFFFu);
    REQUIRE(format_ipv4(0xC0000219u) == "192.0.2.25");
    for (const char* bad :
         {"", "10.0.0", "10.0.0.1.", "256.0.0.1", "1.2.3.4x", "1..2.3", "0001.1.1.1"}) {
        CAPTURE(bad);
        REQUIRE_FALSE(parse_ipv4(bad));
    }
}

TEST_CASE("hosts and links are traced when added and refused when duplicated") {
    TestWorld w;
    const auto added = w.events(EventKind::HostAdded);
    REQUIRE(added.size() == 4);
    REQUIRE(w.sim.trace().payload(*added[0]) == "laptop");
    REQUIRE(w.sim.trace().note(*added[0]) == "device");
    REQUIRE(added[0]->value == 0x0A000002);
    REQUIRE(w.count(EventKind::LinkAdded) == 3);
    REQUIRE(w.net.find_host("192.0.2.25") == w.server);
    REQUIRE(w.net.find_host("mail.example.test") == w.server);
    REQUIRE_FALSE(w.net.find_host("nowhere"));
    REQUIRE_THROWS_AS(w.net.add_host("laptop", "10.9.9.9", HostRole::Device),
                      std::invalid_argument);
    REQUIRE_THROWS_AS(w.net.add_host("other", "10.0.0.2", HostRole::Device), std::invalid_argument);
    REQUIRE_THROWS_AS(w.net.add_host("bad", "10.0.0", HostRole::Device), std::invalid_argument);
    REQUIRE_THROWS_AS(w.net.add_link(w.laptop, w.router), std::invalid_argument);
    REQUIRE_THROWS_AS(w.net.add_link(w.laptop, w.laptop), std::invalid_argument);
}

TEST_CASE("routes go through the router and avoid down links and hosts") {
    TestWorld w;
    auto r = w.net.route(w.laptop, w.server);
    REQUIRE(r);
    REQUIRE(r->size() == 2);
    REQUIRE((*r)[0].to == w.router);
    REQUIRE((*r)[1].to == w.server);

    w.net.set_link_up(w.server_link, false);
    REQUIRE_FALSE(w.net.route(w.laptop, w.server));
    const auto backup = w.net.add_link(w.dns, w.server);
    r = w.net.route(w.laptop, w.server);
    REQUIRE(r);
    REQUIRE(r->size() == 3);
    REQUIRE((*r)[1].to == w.dns);
    REQUIRE((*r)[2].link == backup);

    w.net.set_link_up(w.server_link, true);
    REQUIRE(w.net.route(w.laptop, w.server)->size() == 2);
    w.net.set_host_up(w.router, false);
    REQUIRE_FALSE(w.net.route(w.laptop, w.server));
    REQUIRE(w.count(EventKind::LinkDown) == 1);
    REQUIRE(w.count(EventKind::LinkUp) == 1);
    REQUIRE(w.count(EventKind::HostDown) == 1);
}

TEST_CASE("routes from and to leaves follow every change of state, for many leaves at once") {
    TestWorld w;
    // More leaves than the network keeps leaf routes for, so they share places.
    std::vector<HostId> leaves;
    std::vector<LinkId> leaf_links;
    for (int i = 0; i < 20; ++i) {
        leaves.push_back(w.net.add_host("leaf" + std::to_string(i),
                                        "10.1.0." + std::to_string(i + 1), HostRole::Device));
        leaf_links.push_back(w.net.add_link(w.router, leaves.back()));
    }
    const auto check_all = [&](const std::function<bool(HostId)>& reachable) {
        for (const HostId from : leaves) {
            for (const HostId to : leaves) {
                CAPTURE(from, to);
                const auto r = w.net.route(from, to);
                if (from == to) {  // loopback: only the host itself must be up
                    REQUIRE(r.has_value() == w.net.host(from).up);
                    if (r) REQUIRE(r->empty());
                    continue;
                }
                if (!reachable(from) || !reachable(to)) {
                    REQUIRE_FALSE(r);
                    continue;
                }
                REQUIRE(r);
                REQUIRE(r->size() == 2);
                REQUIRE((*r)[0].to == w.router);
                REQUIRE((*r)[1].to == to);
                REQUIRE((*r)[1].link == leaf_links[to - leaves.front()]);
            }
        }
    };
    check_all([](HostId) { return true; });
    // Down, then up again: each change is seen by the very next packet
    // between the same two hosts (`from` is the one it cuts off).
    const auto outage = [&](HostId from, HostId to, const std::function<void(bool)>& set_up) {
        REQUIRE(w.net.route(from, to));
        set_up(false);
        REQUIRE_FALSE(w.net.route(from, to));
        check_all([&](HostId h) { return h != from; });
        set_up(true);
        REQUIRE(w.net.route(from, to));
    };
    outage(leaves[3], leaves[5], [&](bool up) { w.net.set_link_up(leaf_links[3], up); });
    outage(leaves[11], leaves[2], [&](bool up) { w.net.set_host_up(leaves[11], up); });
    check_all([](HostId) { return true; });
    w.net.set_host_up(w.router, false);
    REQUIRE_FALSE(w.net.route(leaves[11], leaves[2]));
    check_all([](HostId) { return false; });
    w.net.set_host_up(w.router, true);
    // A host with no link yet has no route until its first link comes.
    const HostId late = w.net.add_host("late", "10.1.1.1", HostRole::Device);
    REQUIRE_FALSE(w.net.route(leaves[0], late));
    w.net.add_link(w.router, late);
    const auto to_late = w.net.route(leaves[0], late);
    REQUIRE(to_late);
    REQUIRE(to_late->size() == 2);
    // A second link makes a leaf a router: its routes are searched, not assembled.
    REQUIRE(w.net.route(leaves[0], w.server)->size() == 2);
    w.net.add_link(leaves[0], w.server);
    REQUIRE(w.net.route(leaves[0], w.server)->size() == 1);
}

TEST_CASE("equal-length routes always break ties by the order links were added") {
    Simulator sim{1};
    Network net{sim};
    const auto a = net.add_host("a", "10.0.0.1", HostRole::Device);
    const auto b = net.add_host("b", "10.0.0.2", HostRole::Router);
    const auto c = net.add_host("c", "10.0.0.3", HostRole::Router);
    const auto d = net.add_host("d", "10.0.0.4", HostRole::Server);
    net.add_link(a, c);
    net.add_link(a, b);
    net.add_link(b, d);
    net.add_link(c, d);
    for (int i = 0; i < 3; ++i)
        REQUIRE((*net.route(a, d))[0].to == c);
}

TEST_CASE("a datagram arrives after serialisation and latency on every hop") {
    TestWorld w{1,
                {.latency = 10'000, .bandwidth_bps = 1'000'000},
                {.latency = 5'000, .bandwidth_bps = 8'000'000}};
    SimTime arrived = -1;
    w.net.send({.from = w.laptop, .to = w.server, .octets = 1000, .on_arrival = [&] {
                    arrived = w.sim.now();
                }});
    w.sim.run_until_idle();
    // 1000 octets: 8000 us at 1 Mbit/s, then 1000 us at 8 Mbit/s.
    REQUIRE(arrived == 8'000 + 10'000 + 1'000 + 5'000);
    // Both links were taken when it was sent: one kernel event, not one per link.
    REQUIRE(w.sim.executed() == 1);
    REQUIRE(Network::serialisation_time(1, 3) == 2'666'667);
}

TEST_CASE("back-to-back datagrams queue behind each other on a link") {
    Simulator sim{1};
    Network net{sim};
    const auto a = net.add_host("a", "10.0.0.1", HostRole::Device);
    const auto b = net.add_host("b", "10.0.0.2", HostRole::Server);
    net.add_link(a, b, {.latency = 1'000, .bandwidth_bps = 8'000'000});
    std::vector<SimTime> arrivals;
    for (int i = 0; i < 3; ++i) {
        net.send({.from = a, .to = b, .octets = 1000, .on_arrival = [&] {
                      arrivals.push_back(sim.now());
                  }});
    }
    sim.run_until_idle();
    REQUIRE(arrivals == std::vector<SimTime>{2'000, 3'000, 4'000});
}

TEST_CASE("datagrams are dropped with a reason on loss, down links and down hosts") {
    TestWorld w{1, {.latency = 1'000, .loss = 1.0}};
    std::vector<std::string> drops;
    auto send = [&](HostId from, HostId to) {
        w.net.send({.from = from,
                    .to = to,
                    .octets = 100,
                    .on_arrival = [] { FAIL("arrived"); },
                    .on_drop = [&](std::string_view why) { drops.emplace_back(why); }});
    };
    send(w.laptop, w.server);
    w.sim.run_until_idle();
    REQUIRE(drops.back().find("lost on the link laptop - internet") != std::string::npos);

    w.net.set_host_up(w.server, false);
    send(w.router, w.server);
    REQUIRE(drops.back() == "no route to the destination");

    w.net.set_host_up(w.server, true);
    send(w.router, w.server);
    w.net.set_host_up(w.server, false);  // goes down while the packet is on its way
    w.sim.run_until_idle();
    REQUIRE(drops.back() == "the receiving host is down");
    REQUIRE(drops.size() == 3);
}

TEST_CASE("a link or host down when a packet would pass drops it, an outage it missed does not") {
    // laptop -(10 ms)- internet -(5 ms)- server: the packet is at the router at
    // 10 ms and at the server at 15 ms (no serialisation time).
    TestWorld w{1, {.latency = 10'000, .bandwidth_bps = 0}, {.latency = 5'000, .bandwidth_bps = 0}};
    std::vector<std::string> outcomes;
    const auto send = [&] {
        w.net.send({.from = w.laptop,
                    .to = w.server,
                    .octets = 100,
                    .on_arrival = [&] { outcomes.emplace_back("arrived"); },
                    .on_drop = [&](std::string_view why) { outcomes.emplace_back(why); }});
    };
    // Sends a packet, takes something down `down` us later and brings it back
    // `back` us later, and says what became of the packet.
    const auto outcome = [&](SimTime down, SimTime back, std::function<void(bool)> set_up) {
        send();
        w.sim.schedule_at(w.sim.now() + down, [set_up] { set_up(false); });
        w.sim.schedule_at(w.sim.now() + back, [set_up] { set_up(true); });
        w.sim.run_until_idle();
        return outcomes.back();
    };
    const auto link = [&](LinkId id) { return [&w, id](bool up) { w.net.set_link_up(id, up); }; };
    const auto server = [&](bool up) { w.net.set_host_up(w.server, up); };

    // The server's link is down from 5 to 12 ms: down when the packet reaches it.
    CHECK(outcome(5'000, 12'000, link(w.server_link)) == "the link is down");
    // Down from 12 to 20 ms: the packet is on it when it goes, and at its end.
    CHECK(outcome(12'000, 20'000, link(w.server_link)) ==
          "the link went down while the packet was on it");
    // The server is down from 14 to 30 ms: down when the packet arrives.
    CHECK(outcome(14'000, 30'000, server) == "the receiving host is down");
    // The laptop's link goes down at 11 ms, after the packet left it.
    CHECK(outcome(11'000, 40'000, link(w.laptop_link)) == "arrived");
    REQUIRE(outcomes.size() == 4);
}

TEST_CASE("a packet lost on the second link is dropped when it reaches that link's end") {
    TestWorld w{1,
                {.latency = 10'000, .bandwidth_bps = 0},
                {.latency = 5'000, .bandwidth_bps = 0, .loss = 1.0}};
    SimTime dropped_at = -1;
    std::string why;
    w.net.send({.from = w.laptop,
                .to = w.server,
                .octets = 100,
                .on_arrival = [] { FAIL("arrived"); },
                .on_drop =
                    [&](std::string_view reason) {
                        dropped_at = w.sim.now();
                        why = reason;
                    }});
    w.sim.run_until_idle();
    CHECK(dropped_at == 15'000);
    CHECK(why == "lost on the link internet - mail.example.test");
}
