#include "sim/net/session_host.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "sim/net/service.hpp"
#include "sim/trace/jsonl_export.hpp"
#include "tests/sim/net/line_sessions.hpp"
#include "tests/sim/net/test_world.hpp"
#include "tests/support/chunking.hpp"

using namespace maillab::sim;
using maillab::test::EchoServerSession;
using maillab::test::ScriptedLineClient;
using maillab::test::TestWorld;

namespace {

constexpr std::uint16_t kEchoPort = 7;

const std::vector<std::string> kScript = {"hello", "a somewhat longer line with spaces", "",
                                          "last line"};

struct Conversation {
    Conversation(std::uint64_t seed, std::size_t mss, double loss)
        : world(seed, {.latency = 5'000, .bandwidth_bps = 10'000'000, .loss = loss}),
          service(world.tcp, world.server, kEchoPort, "echo",
                  [](const Connection&) { return std::make_unique<EchoServerSession>(); }) {
        world.tcp.set_mss(mss);
        auto session = std::make_unique<ScriptedLineClient>(kScript);
        client_session = session.get();
        client = SessionHost::connect(world.tcp, world.laptop, "mail.example.test", kEchoPort,
                                      std::move(session));
        world.sim.run_until_idle();
    }
    TestWorld world;
    Service service;
    ScriptedLineClient* client_session = nullptr;
    std::shared_ptr<SessionHost> client;
};

using SessionEvent =
    std::tuple<EventKind, HostId, Direction, std::string, std::string, std::string>;

std::vector<SessionEvent> session_events(const Trace& trace) {
    std::vector<SessionEvent> out;
    for (const auto& e : trace.events()) {
        if (e.kind == EventKind::Command || e.kind == EventKind::Reply ||
            e.kind == EventKind::SessionState || e.kind == EventKind::SessionNote) {
            out.emplace_back(e.kind, e.host, e.dir, std::string(trace.payload(e)),
                             std::string(trace.note(e)), std::string(trace.ref(e)));
        }
    }
    return out;
}

std::string jsonl(const Trace& trace) {
    std::ostringstream out;
    write_jsonl(trace, out);
    return out.str();
}

// A client that never says anything.
class SilentClient : public maillab::protocols::core::SessionBase {
public:
    void start() override {}
    void receive(std::string_view bytes) override { received += bytes; }
    void on_timeout() override {}
    void on_peer_closed() override {
        peer_closed = true;
        mark_closed("peer closed");
    }
    std::string received;
    bool peer_closed = false;
};

}  // namespace

TEST_CASE("an echo conversation runs over the virtual network and is traced with explanations") {
    Conversation c{1, Tcp::kDefaultMss, 0.0};
    REQUIRE(c.client_session->finished_script());
    REQUIRE(c.client_session->replies() ==
            std::vector<std::string>{"+OK echo ready", "hello",
                                     "a somewhat longer line with spaces", "", "last line",
                                     "+OK bye"});
    REQUIRE(c.client->finished());
    REQUIRE(c.service.accepted() == 1);
    REQUIRE(c.world.tcp.open_connections() == 0);

    const Trace& trace = c.world.sim.trace();
    const auto commands = c.world.events(EventKind::Command);
    REQUIRE(commands.size() == 2 * (kScript.size() + 1));  // each side reports each command
    for (const auto* e : commands) {
        REQUIRE(e->dir == Direction::ClientToServer);
        REQUIRE(e->conn == c.client->connection().id());
        REQUIRE_FALSE(trace.note(*e).empty());
        REQUIRE(trace.ref(*e) == "RFC 862");
    }
    const auto& first = *commands.front();
    REQUIRE(first.host == c.world.laptop);  // the client sends before the server hears it
    REQUIRE(trace.payload(first) == "hello");
    REQUIRE(trace.note(first) == "the script sends its next line");
    const auto replies = c.world.events(EventKind::Reply);
    REQUIRE(trace.payload(*replies.front()) == "+OK echo ready");
    REQUIRE(replies.front()->host == c.world.server);
    REQUIRE(replies.front()->dir == Direction::ServerToClient);
    const auto states = c.world.events(EventKind::SessionState);
    REQUIRE(states.size() == 2);
    REQUIRE(trace.payload(*states[0]) == "closed");
    REQUIRE(trace.note(*states[0]).starts_with("client quit"));
    REQUIRE(c.world.count(EventKind::TcpFin) == 2);
}

TEST_CASE("session events are the same whatever the segment size and loss") {
    const auto reference = session_events(Conversation{1, Tcp::kDefaultMss, 0.0}.world.sim.trace());
    REQUIRE(reference.size() > 20);
    struct Variant {
        std::uint64_t seed;
        std::size_t mss;
        double loss;
    };
    for (const Variant v :
         {Variant{1, 1, 0.0}, Variant{2, 1460, 0.2}, Variant{3, 1, 0.1}, Variant{4, 7, 0.3}}) {
        CAPTURE(v.seed, v.mss, v.loss);
        Conversation c{v.seed, v.mss, v.loss};
        REQUIRE(c.client_session->finished_script());
        REQUIRE(session_events(c.world.sim.trace()) == reference);
        if (v.mss == 1) REQUIRE(c.world.count(EventKind::TcpSegment) > 100);
        if (v.loss > 0.0) REQUIRE(c.world.count(EventKind::TcpSegmentLost) > 0);
    }
}

TEST_CASE("the same seed gives a byte-identical trace, another seed with loss another") {
    const std::string a = jsonl(Conversation{11, 5, 0.15}.world.sim.trace());
    const std::string b = jsonl(Conversation{11, 5, 0.15}.world.sim.trace());
    const std::string other = jsonl(Conversation{12, 5, 0.15}.world.sim.trace());
    REQUIRE(a.size() > 10'000);
    REQUIRE(a == b);
    REQUIRE(a != other);
}

TEST_CASE("the server's idle timeout fires on the simulator clock and closes the session") {
    TestWorld w;
    Service service{w.tcp, w.server, kEchoPort, "echo",
                    [](const Connection&) { return std::make_unique<EchoServerSession>(); }};
    auto session = std::make_unique<SilentClient>();
    SilentClient* silent = session.get();
    auto client =
        SessionHost::connect(w.tcp, w.laptop, "mail.example.test", kEchoPort, std::move(session));
    w.sim.run_until_idle();
    REQUIRE(silent->received == "+OK echo ready\r\n-ERR idle too long\r\n");
    REQUIRE(silent->peer_closed);
    const auto replies = w.events(EventKind::Reply);
    REQUIRE(replies.size() == 2);
    const SimTime idle = EchoServerSession::kIdleTimeout.count() * 1000;
    REQUIRE(replies[1]->t - replies[0]->t == idle);
    REQUIRE(client->finished());
}

TEST_CASE("activity re-arms the session timer") {
    TestWorld w;
    Service service{w.tcp, w.server, kEchoPort, "echo",
                    [](const Connection&) { return std::make_unique<EchoServerSession>(); }};
    auto client = SessionHost::connect(w.tcp, w.laptop, "mail.example.test", kEchoPort,
                                       std::make_unique<SilentClient>());
    const SimTime idle = EchoServerSession::kIdleTimeout.count() * 1000;
    w.sim.run_until(idle - 1'000'000);
    w.sim.schedule(0, [&] {
        auto conn = client->connection();
        conn.send("still here\r\n");
    });
    w.sim.run_until(idle + 1'000'000);
    REQUIRE(w.count(EventKind::Reply) == 2);  // greeting and the echo, no timeout yet
    w.sim.run_until_idle();
    REQUIRE(w.count(EventKind::Reply) == 3);
    REQUIRE(w.events(EventKind::Reply).back()->t > 2 * idle - 2'000'000);
}

TEST_CASE("a refused connection reaches the client session as a lost connection") {
    TestWorld w;
    auto session = std::make_unique<ScriptedLineClient>(kScript);
    ScriptedLineClient* script = session.get();
    auto client =
        SessionHost::connect(w.tcp, w.laptop, "mail.example.test", kEchoPort, std::move(session));
    w.sim.run_until_idle();
    REQUIRE(script->peer_closed());
    REQUIRE(client->finished());
    const auto notes = w.events(EventKind::SessionNote);
    REQUIRE(notes.size() == 1);
    REQUIRE(w.sim.trace().payload(*notes[0]) == "connection lost: connection refused");
    REQUIRE(w.count(EventKind::SessionState) == 1);  // the client session closed
}

TEST_CASE("a server crash mid-conversation ends the client session") {
    TestWorld w;
    Service service{w.tcp, w.server, kEchoPort, "echo",
                    [](const Connection&) { return std::make_unique<EchoServerSession>(); }};
    std::vector<std::string> long_script(200, "line");
    auto session = std::make_unique<ScriptedLineClient>(long_script);
    ScriptedLineClient* script = session.get();
    auto client =
        SessionHost::connect(w.tcp, w.laptop, "mail.example.test", kEchoPort, std::move(session));
    w.sim.schedule_at(50'000, [&] { w.tcp.crash_host(w.server); });
    w.sim.run_until_idle();
    REQUIRE(script->peer_closed());
    REQUIRE(script->replies().size() > 1);
    REQUIRE(script->replies().size() < 200);
    REQUIRE(w.count(EventKind::TcpTimedOut) == 1);
    REQUIRE(client->finished());
}

TEST_CASE("a server session sees the same conversation however the client's writes are cut") {
    const std::string input = "hello\r\nsecond line\r\n\r\nQUIT\r\n";
    using Result = std::pair<std::vector<SessionEvent>, std::string>;
    const auto results = maillab::test::under_all_chunkings<Result>(
        input, [](const std::function<void(const maillab::test::Feeder&)>& feed_all) {
            TestWorld w;
            Service service{w.tcp, w.server, kEchoPort, "echo", [](const Connection&) {
                                return std::make_unique<EchoServerSession>();
                            }};
            std::string received;
            Connection conn;
            conn = w.tcp.connect(
                w.laptop, "mail.example.test", kEchoPort,
                {.on_connected =
                     [&] { feed_all([&](std::string_view chunk) { conn.send(chunk); }); },
                 .on_data = [&](std::string_view bytes) { received += bytes; },
                 .on_peer_closed = [&] { conn.close(); }});
            w.sim.run_until_idle();
            return Result{session_events(w.sim.trace()), received};
        });
    REQUIRE(results.front().second == "+OK echo ready\r\nhello\r\nsecond line\r\n\r\n+OK bye\r\n");
    REQUIRE(results.front().first.size() == 10);  // greeting, 4 commands, 4 replies, close
    for (const auto& r : results)
        REQUIRE(r == results.front());
}

namespace {

// The echo server, but a line starting with "slow" is answered a second late,
// the way a server answers a failed login.
class SlowEchoSession : public EchoServerSession {
public:
    static constexpr std::chrono::milliseconds kDelay{1000};
    void receive(std::string_view bytes) override {
        delay_ = bytes.starts_with("slow") ? kDelay : std::chrono::milliseconds{0};
        EchoServerSession::receive(bytes);
    }
    std::chrono::milliseconds output_delay() const override { return delay_; }

private:
    std::chrono::milliseconds delay_{0};
};

struct Arrival {
    SimTime t;
    std::string bytes;
};

}  // namespace

TEST_CASE(
    "output with an output_delay arrives that much later, and later output queues behind it") {
    TestWorld w;
    Service service{w.tcp, w.server, kEchoPort, "slow echo",
                    [](const Connection&) { return std::make_unique<SlowEchoSession>(); }};
    std::vector<Arrival> arrivals;
    SimTime fast_sent = 0;
    SimTime slow_sent = 0;
    SimTime closed_at = 0;
    Connection conn;
    conn = w.tcp.connect(w.laptop, "mail.example.test", kEchoPort,
                         {.on_data =
                              [&](std::string_view bytes) {
                                  arrivals.push_back({w.sim.now(), std::string{bytes}});
                                  if (bytes == "+OK echo ready\r\n") {
                                      fast_sent = w.sim.now();
                                      conn.send("fast\r\n");
                                  } else if (bytes == "fast\r\n") {
                                      slow_sent = w.sim.now();
                                      conn.send("slow\r\n");
                                      // Pipelined behind it, while its answer is held.
                                      w.sim.schedule(100'000, [&] { conn.send("after\r\n"); });
                                      w.sim.schedule(200'000, [&] { conn.send("QUIT\r\n"); });
                                  }
                              },
                          .on_peer_closed =
                              [&] {
                                  closed_at = w.sim.now();
                                  conn.close();
                              }});
    w.sim.run_until_idle();

    std::string received;
    for (const auto& a : arrivals)
        received += a.bytes;
    REQUIRE(received == "+OK echo ready\r\nfast\r\nslow\r\nafter\r\n+OK bye\r\n");
    REQUIRE(arrivals.size() >= 3);
    const SimTime round_trip = arrivals[1].t - fast_sent;
    REQUIRE(arrivals[2].bytes.starts_with("slow\r\n"));
    const SimTime delay = SlowEchoSession::kDelay.count() * 1000;
    REQUIRE(arrivals[2].t - slow_sent == round_trip + delay);
    // "after" and "+OK bye" were answered at once by the session but wait
    // behind the held "slow"; the close waits for them too.
    for (std::size_t i = 3; i < arrivals.size(); ++i)
        REQUIRE(arrivals[i].t >= arrivals[2].t);
    REQUIRE(closed_at >= arrivals.back().t);
    REQUIRE(w.tcp.open_connections() == 0);
    const auto replies = w.events(EventKind::Reply);
    REQUIRE(replies.size() == 5);  // traced when said, sent when due
}

TEST_CASE("each held answer waits its own delay after the one before") {
    TestWorld w;
    Service service{w.tcp, w.server, kEchoPort, "slow echo",
                    [](const Connection&) { return std::make_unique<SlowEchoSession>(); }};
    std::vector<Arrival> arrivals;
    SimTime sent = 0;
    Connection conn;
    conn = w.tcp.connect(w.laptop, "mail.example.test", kEchoPort,
                         {.on_data =
                              [&](std::string_view bytes) {
                                  arrivals.push_back({w.sim.now(), std::string{bytes}});
                                  if (arrivals.size() == 1) {
                                      sent = w.sim.now();
                                      conn.send("slow 1\r\n");
                                      w.sim.schedule(1'000, [&] { conn.send("slow 2\r\n"); });
                                      w.sim.schedule(2'000, [&] { conn.send("slow 3\r\n"); });
                                  }
                              },
                          .on_peer_closed = [&] { conn.close(); }});
    w.sim.run_until(10'000'000);
    std::string received;
    for (const auto& a : arrivals)
        received += a.bytes;
    REQUIRE(received == "+OK echo ready\r\nslow 1\r\nslow 2\r\nslow 3\r\n");
    REQUIRE(arrivals.back().t - sent >= 3 * SlowEchoSession::kDelay.count() * 1000);
}
