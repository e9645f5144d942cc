#include "viz/model/in_flight.hpp"

#include <catch2/catch.hpp>

#include "viz/model/topology_layout.hpp"

using namespace maillab;

namespace {

// laptop(0) -- 5 ms -- router(2) -- 10 ms -- server(1)
sim::Trace world_trace() {
    sim::Trace t;
    t.append({.t = 0,
              .kind = sim::EventKind::HostAdded,
              .host = 0,
              .payload = "laptop",
              .note = "device"});
    t.append({.t = 0,
              .kind = sim::EventKind::HostAdded,
              .host = 1,
              .payload = "mail",
              .note = "server"});
    t.append({.t = 0,
              .kind = sim::EventKind::HostAdded,
              .host = 2,
              .payload = "internet",
              .note = "router"});
    t.append({.t = 0, .kind = sim::EventKind::LinkAdded, .host = 0, .peer = 2, .value = 5000});
    t.append({.t = 0, .kind = sim::EventKind::LinkAdded, .host = 2, .peer = 1, .value = 10000});
    t.append({.t = 100,
              .kind = sim::EventKind::TcpSyn,
              .host = 0,
              .peer = 1,
              .conn = 1,
              .value = 50000,
              .aux = 25});
    return t;
}

sim::WorldState fold(const sim::Trace& t) {
    sim::WorldState w;
    for (const auto& e : t.events())
        w.apply(t, e);
    return w;
}

}  // namespace

TEST_CASE("path latency adds the links of the shortest path") {
    const auto t = world_trace();
    const auto w = fold(t);
    REQUIRE(viz::InFlightIndex::path_latency(w, 0, 1) == 15000);
    REQUIRE(viz::InFlightIndex::path_latency(w, 1, 1) == 0);
    REQUIRE(viz::path_between(w, 0, 1) == std::vector<sim::HostId>{0, 2, 1});
}

TEST_CASE("a packet is in flight from its send time until the path latency has passed") {
    const auto t = world_trace();
    const auto w = fold(t);
    const viz::InFlightIndex index;
    REQUIRE(index.at(t, w, t.size(), 50).empty());  // the playhead is before the SYN was sent
    const auto mid = index.at(t, w, t.size(), 100 + 7500);
    REQUIRE(mid.size() == 1);
    REQUIRE(mid[0].kind == viz::PacketKind::Handshake);
    REQUIRE(mid[0].progress == Approx(0.5f));
    REQUIRE(index.at(t, w, t.size(), 100 + 15001).empty());
}

TEST_CASE("the layout puts devices left, routers in the middle, servers right") {
    const auto w = fold(world_trace());
    const auto plan = viz::plan_topology(
        w, 800, 400, 18, [](std::string_view s) { return 10.0f * static_cast<float>(s.size()); });
    REQUIRE(plan.centre(0).x < plan.centre(2).x);
    REQUIRE(plan.centre(2).x < plan.centre(1).x);
    const auto p = viz::along({{0, 0}, {1, 0}, {1, 1}}, 0.75f);
    REQUIRE(p.x == Approx(1.0f));
    REQUIRE(p.y == Approx(0.5f));
}
