#include "sim/net/tcp.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "sim/net/faults.hpp"
#include "tests/sim/net/test_world.hpp"

using namespace maillab::sim;
using maillab::test::TestWorld;

namespace {

// Records what one end of a connection sees.
struct Recorder {
    Simulator* sim = nullptr;
    std::string data;
    bool connected = false;
    bool peer_closed = false;
    bool closed = false;
    std::string failure;
    SimTime connected_at = -1;
    SimTime failed_at = -1;
    std::vector<SimTime> data_times;
    std::function<void()> when_peer_closed;

    ConnectionHandlers handlers() {
        return {.on_connected =
                    [this] {
                        connected = true;
                        connected_at = sim->now();
                    },
                .on_data =
                    [this](std::string_view bytes) {
                        data += bytes;
                        data_times.push_back(sim->now());
                    },
                .on_peer_closed =
                    [this] {
                        peer_closed = true;
                        if (when_peer_closed) when_peer_closed();
                    },
                .on_closed = [this] { closed = true; },
                .on_failed =
                    [this](std::string_view why) {
                        failure = why;
                        failed_at = sim->now();
                    }};
    }
};

struct Pair {
    explicit Pair(TestWorld& world, std::uint16_t port = 25) : w(world) {
        client.sim = server.sim = &w.sim;
        w.tcp.listen(w.server, port, [this](Connection c) {
            server_conn = c;
            return server.handlers();
        });
    }
    Connection connect(std::uint16_t port = 25) {
        client_conn = w.tcp.connect(w.laptop, "mail.example.test", port, client.handlers());
        return client_conn;
    }
    TestWorld& w;
    Recorder client, server;
    Connection client_conn, server_conn;
};

std::string pattern(std::size_t size, std::uint32_t seed) {
    std::mt19937 rng{seed};
    std::string out(size, '\0');
    for (auto& c : out)
        c = static_cast<char>(rng() & 0xFF);
    return out;
}

std::vector<EventKind> tcp_kinds(const Trace& trace) {
    std::vector<EventKind> out;
    for (const auto& e : trace.events()) {
        if (to_string(e.kind).starts_with("tcp_")) out.push_back(e.kind);
    }
    return out;
}

}  // namespace

TEST_CASE("the three-way handshake is traced in order and opens both ends") {
    TestWorld w;
    Pair p{w};
    const Connection c = p.connect();
    w.sim.run_until_idle();
    REQUIRE(p.client.connected);
    REQUIRE(p.server.connected);
    REQUIRE(p.client.connected_at < p.server.connected_at);
    REQUIRE(tcp_kinds(w.sim.trace()) ==
            std::vector{EventKind::TcpSyn, EventKind::TcpSynAck, EventKind::TcpAck});
    const auto syn = w.events(EventKind::TcpSyn).front();
    REQUIRE(syn->value == Tcp::kFirstEphemeralPort);
    REQUIRE(syn->aux == 25);
    REQUIRE(syn->host == w.laptop);
    REQUIRE(syn->peer == w.server);
    REQUIRE(syn->dir == Direction::ClientToServer);
    REQUIRE(w.sim.trace().payload(*syn) == "10.0.0.2:49152 > 192.0.2.25:25");
    const auto synack = w.events(EventKind::TcpSynAck).front();
    REQUIRE(synack->host == w.server);
    REQUIRE(synack->conn == c.id());
    REQUIRE(p.server_conn.id() == c.id());
    REQUIRE(p.server_conn.outgoing() == Direction::ServerToClient);
    REQUIRE(c.open());
}

TEST_CASE("one segment over a 10 ms link arrives after latency plus serialisation") {
    Simulator sim{1};
    Network net{sim};
    Tcp tcp{net};
    const auto a = net.add_host("a", "10.0.0.1", HostRole::Device);
    const auto b = net.add_host("b", "10.0.0.2", HostRole::Server);
    net.add_link(a, b, {.latency = 10'000, .bandwidth_bps = 1'000'000});
    Recorder client, server;
    client.sim = server.sim = &sim;
    tcp.listen(b, 7, [&](Connection) { return server.handlers(); });
    Connection c = tcp.connect(a, "b", 7, client.handlers());
    sim.run_until_idle();
    REQUIRE(client.connected_at == 2 * (10'000 + Network::serialisation_time(40, 1'000'000)));

    const SimTime sent_at = sim.now();
    const std::string payload(100, 'x');
    REQUIRE(c.send(payload));
    sim.run_until_idle();
    REQUIRE(server.data == payload);
    const SimTime serialisation = Network::serialisation_time(100 + Tcp::kHeaderOctets, 1'000'000);
    REQUIRE(serialisation == 1'120);
    REQUIRE(server.data_times == std::vector<SimTime>{sent_at + 10'000 + serialisation});
    const auto seg = std::find_if(sim.trace().events().begin(), sim.trace().events().end(),
                                  [](const Event& e) { return e.kind == EventKind::TcpSegment; });
    REQUIRE(seg->t == sent_at);
    REQUIRE(sim.trace().payload(*seg) == payload);
    REQUIRE(seg->value == 0);
}

TEST_CASE("a megabyte arrives intact and in order under 10% loss") {
    TestWorld w{7, {.latency = 2'000, .bandwidth_bps = 50'000'000, .loss = 0.10}};
    Pair p{w};
    p.server.when_peer_closed = [&] { p.server_conn.close(); };
    const std::string data = pattern(1 << 20, 3);
    Connection c = p.connect();
    REQUIRE(c.send(data));  // queued before the handshake completes
    c.close();
    w.sim.run_until_idle();
    REQUIRE(p.server.data.size() == data.size());
    REQUIRE(p.server.data == data);
    REQUIRE(p.server.peer_closed);
    REQUIRE(p.client.peer_closed);
    REQUIRE(p.client.closed);
    REQUIRE(p.server.closed);
    REQUIRE(p.client.failure.empty());
    REQUIRE(w.count(EventKind::TcpSegmentLost) > 50);
    REQUIRE(w.count(EventKind::TcpRetransmit) > 50);
    REQUIRE(w.tcp.open_connections() == 0);  // TIME-WAIT expired

    // Every byte is traced exactly once as a first transmission, at its offset.
    std::map<std::int64_t, std::string_view> first;
    for (const auto* e : w.events(EventKind::TcpSegment)) {
        if (e->dir == Direction::ClientToServer) first.emplace(e->value, w.sim.trace().payload(*e));
    }
    std::string rebuilt;
    for (const auto& [offset, bytes] : first) {
        REQUIRE(offset == static_cast<std::int64_t>(rebuilt.size()));
        rebuilt += bytes;
    }
    REQUIRE(rebuilt == data);
}

TEST_CASE("segments never exceed the MSS, even an MSS of one byte") {
    TestWorld w;
    w.tcp.set_mss(1);
    Pair p{w};
    Connection c = p.connect();
    c.send("hello, world");
    w.sim.run_until_idle();
    REQUIRE(p.server.data == "hello, world");
    REQUIRE(w.count(EventKind::TcpSegment) == 12);
    for (const auto* e : w.events(EventKind::TcpSegment))
        REQUIRE(e->payload.length == 1);
    REQUIRE_THROWS_AS(w.tcp.set_mss(0), std::invalid_argument);
}

TEST_CASE("connecting to a port nobody listens on is refused with RST") {
    TestWorld w;
    Pair p{w};
    p.connect(2525);
    w.sim.run_until_idle();
    REQUIRE(p.client.failure == "connection refused");
    REQUIRE_FALSE(p.client.connected);
    REQUIRE(tcp_kinds(w.sim.trace()) ==
            std::vector{EventKind::TcpSyn, EventKind::TcpRst, EventKind::TcpConnectFailed});
    const auto rst = w.events(EventKind::TcpRst).front();
    REQUIRE(rst->host == w.server);
    REQUIRE(w.sim.trace().note(*rst).find("port 2525") != std::string_view::npos);
    REQUIRE(w.sim.trace().note(*w.events(EventKind::TcpConnectFailed).front()) ==
            "connection refused");
    REQUIRE(p.client.failed_at < 10'000);
}

TEST_CASE("connecting to a host that is down retries the SYN with backoff, then times out") {
    TestWorld w;
    Pair p{w};
    w.net.set_host_up(w.server, false);
    p.connect();
    w.sim.run_until_idle();
    REQUIRE(p.client.failure == "connection timed out");
    const auto syns = w.events(EventKind::TcpSyn);
    REQUIRE(syns.size() == 1 + Tcp::kMaxSynRetransmits);
    std::vector<SimTime> times;
    for (const auto* e : syns)
        times.push_back(e->t);
    REQUIRE(times == std::vector<SimTime>{0, 1'000'000, 3'000'000, 7'000'000, 15'000'000});
    REQUIRE(p.client.failed_at == 31'000'000);
    REQUIRE(w.count(EventKind::TcpSegmentLost) == syns.size());
    REQUIRE(w.count(EventKind::TcpConnectFailed) == 1);
}

TEST_CASE("an unknown host name fails the connect") {
    TestWorld w;
    Pair p{w};
    p.client_conn = w.tcp.connect(w.laptop, "nowhere.test", 25, p.client.handlers());
    REQUIRE_FALSE(p.client_conn.open());
    w.sim.run_until_idle();
    REQUIRE(p.client.failure == "unknown host nowhere.test");
}

TEST_CASE("a host going down mid-stream makes the sender time out") {
    TestWorld w;
    Pair p{w};
    Faults faults{w.tcp};
    Connection c = p.connect();
    c.send(pattern(200'000, 1));
    faults.host_at(20'000, w.server, false);
    w.sim.run_until_idle();
    REQUIRE(p.server.connected);
    REQUIRE(p.server.data.size() > 0);
    REQUIRE(p.server.data.size() < 200'000);
    REQUIRE(p.client.failure == "connection timed out");
    const auto timeouts = w.events(EventKind::TcpTimedOut);
    REQUIRE(timeouts.size() == 1);
    REQUIRE(timeouts.front()->host == w.laptop);
    REQUIRE(w.count(EventKind::TcpRetransmit) > 0);
    REQUIRE_FALSE(c.open());
    REQUIRE_FALSE(c.send("more"));
}

TEST_CASE("a crashed host that comes back answers the old connection with RST") {
    TestWorld w;
    Pair p{w};
    Faults faults{w.tcp};
    Connection c = p.connect();
    c.send(pattern(200'000, 2));
    faults.crash_at(20'000, w.server);
    faults.host_at(500'000, w.server, true);
    w.sim.run_until_idle();
    REQUIRE(p.client.failure == "connection reset by peer");
    REQUIRE(p.server.failure.empty());  // the crashed side is simply gone
    const auto down = w.events(EventKind::HostDown);
    REQUIRE(down.size() == 1);
    REQUIRE(w.sim.trace().note(*down.front()).find("crashed") != std::string_view::npos);
    // Every retransmitted segment of the window meets an RST from the restarted host.
    const auto rst = w.events(EventKind::TcpRst);
    REQUIRE(rst.size() >= 1);
    REQUIRE(rst.size() <= Tcp::kWindowSegments);
    for (const auto* e : rst) {
        REQUIRE(e->host == w.server);
        REQUIRE(e->t > 500'000);
    }
}

TEST_CASE("FIN closes one direction while the other keeps flowing") {
    TestWorld w;
    Pair p{w};
    p.server.when_peer_closed = [&] {
        REQUIRE(p.server_conn.send("reply after your FIN"));
        p.server_conn.close();
    };
    Connection c = p.connect();
    c.send("question");
    c.close();
    REQUIRE_FALSE(c.send("too late"));
    w.sim.run_until_idle();
    REQUIRE(p.server.data == "question");
    REQUIRE(p.client.data == "reply after your FIN");
    REQUIRE(p.client.peer_closed);
    REQUIRE(p.client.closed);
    REQUIRE(p.server.closed);
    const auto fins = w.events(EventKind::TcpFin);
    REQUIRE(fins.size() == 2);
    REQUIRE(fins[0]->dir == Direction::ClientToServer);
    REQUIRE(fins[1]->dir == Direction::ServerToClient);
    // The server's data is sent after the client's FIN was traced.
    const auto reply = w.events(EventKind::TcpSegment).back();
    REQUIRE(reply->dir == Direction::ServerToClient);
    REQUIRE(reply->seq > fins[0]->seq);
}

TEST_CASE("abort sends RST and the peer sees a reset") {
    TestWorld w;
    Pair p{w};
    Connection c = p.connect();
    w.sim.run_until_idle();
    c.abort();
    REQUIRE_FALSE(c.open());
    w.sim.run_until_idle();
    REQUIRE(p.server.failure == "connection reset by peer");
    REQUIRE(w.count(EventKind::TcpRst) == 1);
    REQUIRE(w.tcp.open_connections() == 0);
}

TEST_CASE("a second listener on the same port is a caller mistake") {
    TestWorld w;
    Pair p{w};
    REQUIRE_THROWS_AS(w.tcp.listen(w.server, 25, [](Connection) { return ConnectionHandlers{}; }),
                      std::invalid_argument);
    REQUIRE(w.count(EventKind::ServiceListening) == 1);
}

TEST_CASE("a short link outage delays the stream but loses nothing") {
    TestWorld w;
    Pair p{w};
    Faults faults{w.tcp};
    const std::string data = pattern(300'000, 4);
    Connection c = p.connect();
    c.send(data);
    faults.link_at(20'000, w.server_link, false);
    faults.link_at(1'500'000, w.server_link, true);
    w.sim.run_until_idle();
    REQUIRE(p.server.data == data);
    REQUIRE(p.client.failure.empty());
    REQUIRE(w.count(EventKind::LinkDown) == 1);
    REQUIRE(w.count(EventKind::LinkUp) == 1);
    REQUIRE(w.count(EventKind::TcpRetransmit) > 0);
    REQUIRE(p.server.data_times.back() > 1'500'000);
}
