// The world state folded from a real simulated trace agrees with what the
// network did: hosts, listeners, the connection while it is open, and its end.
#include <catch2/catch.hpp>

#include "sim/net/service.hpp"
#include "sim/state/world_state.hpp"
#include "tests/sim/net/line_sessions.hpp"
#include "tests/sim/net/test_world.hpp"

using namespace maillab::sim;

TEST_CASE("folding a simulated conversation's trace tracks its connection from SYN to FIN") {
    maillab::test::TestWorld w{9, {.latency = 3'000, .loss = 0.1}};
    Service service{w.tcp, w.server, 7, "echo", [](const Connection&) {
                        return std::make_unique<maillab::test::EchoServerSession>();
                    }};
    auto client = SessionHost::connect(w.tcp, w.laptop, "mail.example.test", 7,
                                       std::make_unique<maillab::test::ScriptedLineClient>(
                                           std::vector<std::string>{"one", "two"}));
    w.sim.run_until_idle();

    const Trace& trace = w.sim.trace();
    WorldState state;
    bool saw_open_connection = false;
    for (const Event& e : trace.events()) {
        state.apply(trace, e);
        if (e.kind == EventKind::Command && !saw_open_connection) {
            saw_open_connection = true;
            REQUIRE(state.connections.size() == 1);
            const ConnectionState& c = state.connections.begin()->second;
            REQUIRE(c.established);
            REQUIRE(c.client == w.laptop);
            REQUIRE(c.server == w.server);
            REQUIRE(c.client_port == Tcp::kFirstEphemeralPort);
            REQUIRE(c.server_port == 7);
        }
    }
    REQUIRE(saw_open_connection);
    REQUIRE(state.connections.empty());
    REQUIRE(state.host_named("mail.example.test") == w.server);
    REQUIRE(state.hosts.at(w.router).role == "router");
    REQUIRE(state.hosts.at(w.server).listening == std::set<std::uint16_t>{7});
    REQUIRE(state.links.size() == 3);
}

TEST_CASE("folding shows a crashed host down and its connection gone once the peer gives up") {
    maillab::test::TestWorld w;
    Service service{w.tcp, w.server, 7, "echo", [](const Connection&) {
                        return std::make_unique<maillab::test::EchoServerSession>();
                    }};
    auto client = SessionHost::connect(
        w.tcp, w.laptop, "mail.example.test", 7,
        std::make_unique<maillab::test::ScriptedLineClient>(std::vector<std::string>(100, "x")));
    w.sim.schedule_at(30'000, [&] { w.tcp.crash_host(w.server); });
    w.sim.run_until_idle();
    WorldState state;
    for (const Event& e : w.sim.trace().events())
        state.apply(w.sim.trace(), e);
    REQUIRE_FALSE(state.hosts.at(w.server).up);
    REQUIRE(state.connections.empty());
}
