// The bridge's limits and ends: connection limit, clients that vanish
// mid-command, refused virtual connections, ports in use, backpressure, and
// stop() leaving nothing open.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <future>
#include <string>
#include <thread>

#include "tests/sim/bridge/bridge_world.hpp"

using namespace maillab::sim;
using maillab::test::BridgeWorld;
using maillab::test::LineClient;

namespace {

// A server that swallows everything and never answers: a slow sink for the
// backpressure test.
class SinkSession : public maillab::test::TestSession {
public:
    explicit SinkSession(std::size_t& received) : received_(received) {}
    void receive(std::string_view bytes) override { received_ += bytes.size(); }

private:
    std::size_t& received_;
};

// A server that sends a flood the moment the connection is up.
class FloodSession : public maillab::test::TestSession {
public:
    explicit FloodSession(std::size_t octets) : octets_(octets) {}
    void start() override { output_.assign(octets_, 'y'); }
    void receive(std::string_view) override {}

private:
    std::size_t octets_;
};

std::size_t count_for(const BridgeWorld& w, EventKind kind, HostId host) {
    std::size_t n = 0;
    for (const auto* e : w.events(kind))
        n += e->host == host ? 1u : 0u;
    return n;
}

// A server that answers every connection with `octets` at once, over a
// fast virtual link (so it outruns the real socket), behind a bridge with
// these write limits.
struct FloodWorld {
    static constexpr std::uint16_t kPort = 19;
    static constexpr std::size_t kOctets = 24 * 1024 * 1024;

    explicit FloodWorld(const maillab::sim::bridge::ConnectionLimits& limits)
        : w(config_with(limits)),
          flood(w.tcp, w.server, kPort, "chargen",
                [](const maillab::sim::Connection&) {
                    return std::make_unique<FloodSession>(kOctets);
                }),
          port(open_with_large_segments(w)) {}

    static std::uint16_t open_with_large_segments(BridgeWorld& world) {
        world.tcp.set_mss(16'000);
        return world.open({kPort})[0];
    }
    static maillab::sim::bridge::BridgeConfig config_with(
        const maillab::sim::bridge::ConnectionLimits& limits) {
        auto config = maillab::test::test_bridge_config();
        config.limits = limits;
        config.client_link = {.latency = 100, .bandwidth_bps = 0};
        return config;
    }
    // Connects a client that never reads; true once the bridge has dropped it.
    bool idle_client_dropped() {
        LineClient idle(port);
        return idle.connected() &&
               w.run_until([&] { return w.bridge->listeners()[0].accepted == 1; }) &&
               w.run_until([&] { return w.bridge->active_connections() == 0; },
                           std::chrono::seconds{30});
    }
    bool noted(std::string_view text) const {
        for (const auto* e : w.events(EventKind::SessionNote)) {
            if (w.sim.trace().payload(*e).find(text) != std::string_view::npos) return true;
        }
        return false;
    }

    BridgeWorld w;
    Service flood;
    std::uint16_t port;
};

}  // namespace

TEST_CASE("bridge: connections beyond the per-listener limit are accepted and closed at once") {
    auto config = maillab::test::test_bridge_config();
    config.max_connections = 2;
    BridgeWorld w(config);
    const auto port = w.open({maillab::test::kPop3Port})[0];

    LineClient first(port);
    LineClient second(port);
    REQUIRE(w.run_until([&] { return w.bridge->active_connections() == 2; }));
    auto third_eof = w.with_client([&] {
        LineClient third(port);
        return third.connected() && third.at_eof();
    });
    CHECK(third_eof);
    const auto greetings = w.with_client([&] {
        return first.read_line().value_or("").rfind("+OK", 0) == 0 &&
               second.read_line().value_or("").rfind("+OK", 0) == 0;
    });
    CHECK(greetings);
    auto info = w.bridge->listeners()[0];
    CHECK(info.accepted == 2);
    CHECK(info.refused == 1);
    CHECK(info.active == 2);
    CHECK(w.client_host(2) == std::nullopt);  // no simulated host for the refused one

    // A place frees up when a client leaves.
    first.close();
    REQUIRE(w.run_until([&] { return w.bridge->listeners()[0].active == 1; }));
    const auto fourth_greeted = w.with_client([&] {
        LineClient fourth(port);
        return fourth.read_line().value_or("").rfind("+OK", 0) == 0;
    });
    CHECK(fourth_greeted);
    CHECK(w.bridge->listeners()[0].accepted == 3);
}

TEST_CASE("bridge: a listener's refusal line reaches the client over the limit, then EOF") {
    auto config = maillab::test::test_bridge_config();
    config.max_connections = 1;
    BridgeWorld w(config);
    const std::string refusal = "-ERR [SYS/TEMP] too many connections, try again later\r\n";
    const auto port = w.open({maillab::test::kPop3Port}, refusal)[0];

    LineClient first(port);
    REQUIRE(w.run_until([&] { return w.bridge->active_connections() == 1; }));
    const auto told = w.with_client([&] {
        LineClient second(port);
        const auto line = second.read_line();
        return line.has_value() && *line + "\r\n" == refusal && second.at_eof();
    });
    CHECK(told);
    CHECK(w.bridge->listeners()[0].refused == 1);
    CHECK(w.client_host(1) == std::nullopt);
    const auto greeted =
        w.with_client([&] { return first.read_line().value_or("").rfind("+OK", 0) == 0; });
    CHECK(greeted);
}

TEST_CASE("bridge: a client that closes mid-command ends the virtual connection with FIN") {
    BridgeWorld w;
    const auto port = w.open({maillab::test::kPop3Port})[0];
    w.with_client([&] {
        LineClient client(port);
        client.read_line();
        client.send("STA");  // no CRLF: the command is never finished
        return 0;
    });
    REQUIRE(w.run_until([&] { return w.bridge->active_connections() == 0; }));
    const auto client = *w.client_host(0);
    CHECK(count_for(w, EventKind::TcpFin, client) == 1);
    CHECK(count_for(w, EventKind::TcpFin, w.server) == 1);
    CHECK(count_for(w, EventKind::Command, w.server) == 0);
    CHECK(w.tcp.open_connections() <= 2);  // at most TIME_WAIT ends are left
}

TEST_CASE("bridge: a client that resets its connection makes the bridge send RST") {
    BridgeWorld w;
    const auto port = w.open({maillab::test::kPop3Port})[0];
    w.with_client([&] {
        LineClient client(port);
        client.read_line();
        client.send("USER alice\r\n");
        client.read_line();
        client.reset();
        return 0;
    });
    REQUIRE(w.run_until([&] { return w.bridge->active_connections() == 0; }));
    const auto client = *w.client_host(0);
    CHECK(count_for(w, EventKind::TcpRst, client) == 1);
    REQUIRE(w.run_until([&] { return w.pop3.sessions()[0].expired(); }));
}

TEST_CASE("bridge: a refused virtual connection closes the real socket") {
    BridgeWorld w;
    constexpr std::uint16_t kNobodyListens = 143;
    const auto port = w.open({kNobodyListens})[0];
    const auto eof = w.with_client([&] {
        LineClient client(port);
        return client.connected() && client.at_eof();
    });
    CHECK(eof);
    REQUIRE(w.run_until([&] { return w.bridge->active_connections() == 0; }));
    CHECK(w.events(EventKind::TcpConnectFailed).size() == 1);
}

TEST_CASE("bridge: a port already in use is a clear error") {
    BridgeWorld w;
    const auto port = w.open({maillab::test::kPop3Port})[0];
    maillab::sim::bridge::Bridge second(w.io, w.sim, w.net, w.tcp, w.router, w.config);
    try {
        second.open(w.server, maillab::test::kPop3Port, "pop3");
        FAIL("open succeeded on a port in use");
    } catch (const maillab::sim::bridge::BridgeError& error) {
        const std::string what = error.what();
        CHECK(what.find("127.0.0.1:" + std::to_string(port)) != std::string::npos);
        CHECK(what.find("in use") != std::string::npos);
    }
    auto too_high = w.config;
    too_high.port_base = 65000;
    maillab::sim::bridge::Bridge third(w.io, w.sim, w.net, w.tcp, w.router, too_high);
    CHECK_THROWS_AS(third.open(w.server, 995, "pop3s"), std::invalid_argument);
}

TEST_CASE("bridge: a fast client is held back while the virtual link is slow") {
    auto config = maillab::test::test_bridge_config();
    config.limits.read_chunk = 4 * 1024;
    config.limits.max_unsent = 16 * 1024;
    config.client_link = {.latency = 2'000, .bandwidth_bps = 20'000'000};
    BridgeWorld w(config);
    std::size_t received = 0;
    constexpr std::uint16_t kSinkPort = 9;
    Service sink(w.tcp, w.server, kSinkPort, "discard",
                 [&received](const maillab::sim::Connection&) {
                     return std::make_unique<SinkSession>(received);
                 });
    const auto port = w.open({kSinkPort})[0];

    constexpr std::size_t kTotal = 1024 * 1024;
    auto sender = std::async(std::launch::async, [port] {
        LineClient client(port);
        client.send(std::string(kTotal, 'x'));
        return client.connected();
    });
    std::size_t max_unsent = 0;
    bool paused_seen = false;
    w.run_until(
        [&] {
            for (const auto& status : w.bridge->connections()) {
                max_unsent = std::max(max_unsent, status.unsent);
                paused_seen = paused_seen || status.reading_paused;
            }
            return received == kTotal;
        },
        std::chrono::seconds{30});
    CHECK(sender.get());
    CHECK(received == kTotal);
    CHECK(paused_seen);
    CHECK(max_unsent <= config.limits.max_unsent + config.limits.read_chunk);
}

TEST_CASE("bridge: a client that stops reading is disconnected once its answers stall") {
    FloodWorld f(
        {.max_write_queue = 256 * 1024, .write_stall_timeout = std::chrono::milliseconds{300}});
    REQUIRE(f.idle_client_dropped());
    // One RST from the bridge's abort; segments of the flood still in flight
    // at that moment may each be answered with another RST.
    std::size_t aborts = 0;
    for (const auto* e : f.w.events(EventKind::TcpRst)) {
        aborts += e->host == *f.w.client_host(0) &&
                          f.w.sim.trace().note(*e).rfind("the application aborted", 0) == 0
                      ? 1u
                      : 0u;
    }
    CHECK(aborts == 1);
    CHECK(f.noted("the bridge dropped a real client that stopped reading its answers"));
}

TEST_CASE("bridge: a client whose unread answers pass max_write_backlog is dropped at once") {
    FloodWorld f({.max_write_queue = 256 * 1024,
                  .write_stall_timeout = std::chrono::seconds{60},  // not the reason here
                  .max_write_backlog = 2 * 1024 * 1024});
    REQUIRE(f.idle_client_dropped());
    CHECK(f.noted("unread answers passed 2097152 octets"));
}

TEST_CASE("bridge: a client that reads gets an answer far larger than the write queue limit") {
    // More than loopback's socket buffers hold: a FETCH of a few large messages.
    FloodWorld f(
        {.max_write_queue = 256 * 1024, .write_stall_timeout = std::chrono::milliseconds{2'000}});
    std::atomic<bool> backlogged{false};
    auto reader = std::async(std::launch::async, [&] {
        LineClient client(f.port);
        // Busy elsewhere until the kernel's buffers are full and the rest of
        // the answer waits in the bridge, beyond its limit; then it reads.
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds{10};
        while (!backlogged && std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(std::chrono::milliseconds{5});
        std::size_t received = 0;
        while (received < FloodWorld::kOctets) {
            const std::size_t n = client.read_some();
            if (n == 0) break;
            received += n;
        }
        return received;
    });
    f.w.run_until(
        [&] {
            for (const auto& c : f.w.bridge->connections()) {
                if (c.output_backlogged) backlogged = true;
            }
            return reader.wait_for(std::chrono::seconds{0}) == std::future_status::ready;
        },
        std::chrono::seconds{30});
    CHECK(reader.get() == FloodWorld::kOctets);
    CHECK(backlogged);  // the limit was reached, and the client was not dropped for it
    CHECK_FALSE(f.noted("stopped reading"));
}

TEST_CASE("bridge: an idle real connection is closed after the idle timeout") {
    auto config = maillab::test::test_bridge_config();
    config.limits.idle_timeout = std::chrono::milliseconds{200};
    BridgeWorld w(config);
    const auto port = w.open({maillab::test::kPop3Port})[0];
    const auto start = std::chrono::steady_clock::now();
    const auto closed = w.with_client([&] {
        LineClient client(port);
        const bool greeted = client.read_line().value_or("").rfind("+OK", 0) == 0;
        return greeted && client.at_eof();
    });
    CHECK(closed);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds{200});
    REQUIRE(w.run_until([&] { return w.bridge->active_connections() == 0; }));
    bool noted = false;
    for (const auto* e : w.events(EventKind::SessionNote)) {
        noted = noted || w.sim.trace().payload(*e) == "the bridge closed an idle real connection";
    }
    CHECK(noted);
}

TEST_CASE("bridge: run_until_signal stops the bridge on SIGTERM") {
    BridgeWorld w;
    const auto port = w.open({maillab::test::kPop3Port})[0];
    asio::steady_timer later(w.io, std::chrono::milliseconds{50});
    later.async_wait([](const asio::error_code&) { ::raise(SIGTERM); });
    w.io.restart();
    const auto start = std::chrono::steady_clock::now();
    maillab::sim::bridge::run_until_signal(w.io, *w.bridge);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds{5});
    CHECK(w.bridge->stopped());
    LineClient late(port);
    CHECK_FALSE(late.connected());
}

TEST_CASE("bridge: stop() closes listeners and connections and leaves no socket open") {
    const auto sockets_before = maillab::test::open_sockets();
    {
        BridgeWorld w;
        const auto ports = w.open({maillab::test::kPop3Port, maillab::test::kPop3sPort});
        LineClient a(ports[0]);
        LineClient b(ports[0]);
        REQUIRE(w.run_until([&] { return w.bridge->active_connections() == 2; }));
        CHECK(maillab::test::open_sockets() == sockets_before + 6);  // 2 listeners, 2 x 2 ends

        w.bridge->stop();
        CHECK(w.bridge->active_connections() == 0);
        CHECK(maillab::test::open_sockets() == sockets_before + 2);  // only the clients' ends
        const auto ends = w.with_client([&] {
            // Each client may get the greeting first; then the connection ends.
            a.read_to_eof();
            b.read_to_eof();
            LineClient late(ports[0]);
            return !late.connected();
        });
        CHECK(ends);
        // The bridge gave the io_context nothing more to do.
        w.io.restart();
        const auto start = std::chrono::steady_clock::now();
        w.io.run_for(std::chrono::seconds{2});
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds{1});
        const auto a_host = *w.client_host(0);
        CHECK(count_for(w, EventKind::TcpRst, a_host) == 1);
        CHECK_FALSE(w.net.host(a_host).up);
    }
    CHECK(maillab::test::open_sockets() == sockets_before);
}
