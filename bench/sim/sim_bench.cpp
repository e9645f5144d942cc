// Simulator overhead: the same conversations run (a) through EnginePair,
// engines linked in memory, one conversation after another, and over the
// virtual network (TCP over a router, every segment an event, everything
// traced), (b) one conversation at a time and (c) a new one every
// millisecond, a few hundred open at once (see bench_support.hpp for why
// both). Two workloads: the echo engine of the simulator's tests, which does
// almost nothing per line and so shows the network's cost per segment at its
// starkest, and maillab's real SMTP, POP3 and IMAP engines (mail_workload).
// Each run is repeated rounds() times, alternating, and medians compared, so
// one slow round does not decide a ratio. Last, one bulk transfer.
#include <array>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench/sim/bench_support.hpp"
#include "bench/sim/bulk_transfer.hpp"
#include "bench/sim/mail_workload.hpp"
#include "protocols/core/engine_pair.hpp"
#include "sim/net/service.hpp"
#include "tests/sim/net/line_sessions.hpp"

namespace {

using maillab::test::EchoServerSession;
using maillab::test::ScriptedLineClient;
namespace bench = maillab::bench;
namespace sim = maillab::sim;

constexpr std::size_t kSessions = 1000;
constexpr std::size_t kLines = 20;

std::vector<std::string> script() {
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < kLines; ++i)
        lines.push_back("line " + std::to_string(i) + " of the script");
    return lines;
}

struct Result {
    double seconds = 0;
    std::size_t protocol_events = 0;
    std::size_t finished = 0;
    std::uint64_t kernel_events = 0;
    std::size_t trace_events = 0;
    std::size_t peak_open = 1;
};

Result run_engine_pairs(const std::vector<std::string>& lines) {
    Result r;
    const auto start = bench::Clock::now();
    for (std::size_t i = 0; i < kSessions; ++i) {
        ScriptedLineClient client{lines};
        EchoServerSession server;
        maillab::protocols::core::EnginePair pair{client, server};
        pair.start();
        pair.pump();
        r.protocol_events += pair.client_events().size() + pair.server_events().size();
        if (client.finished_script()) ++r.finished;
    }
    r.seconds = bench::seconds_since(start);
    return r;
}

Result run_network(const std::vector<std::string>& lines, bench::Arrival arrival) {
    Result r;
    const auto start = bench::Clock::now();
    auto world = std::make_unique<bench::Topology>("echo.test", "192.0.2.7");
    auto service = std::make_unique<sim::Service>(
        world->tcp, world->server, 7, "echo",
        [](const sim::Connection&) { return std::make_unique<EchoServerSession>(); });
    std::vector<ScriptedLineClient*> clients;
    std::vector<std::shared_ptr<sim::SessionHost>> hosts;
    bench::schedule_arrivals(world->simulator, kSessions, arrival, [&](std::size_t) {
        auto session = std::make_unique<ScriptedLineClient>(lines);
        clients.push_back(session.get());
        hosts.push_back(sim::SessionHost::connect(world->tcp, world->laptop, "echo.test", 7,
                                                  std::move(session)));
    });
    world->simulator.run_until_idle();
    const double running = bench::seconds_since(start);
    for (const auto* c : clients)
        r.finished += c->finished_script() ? 1u : 0u;
    const sim::Trace& trace = world->simulator.trace();
    for (const auto& e : trace.events()) {
        const bool protocol = e.kind == sim::EventKind::Command ||
                              e.kind == sim::EventKind::Reply ||
                              e.kind == sim::EventKind::SessionState;
        r.protocol_events += protocol ? 1u : 0u;
    }
    r.kernel_events = world->simulator.executed();
    r.trace_events = trace.size();
    r.peak_open = bench::peak_open_connections(trace);
    // Tearing down is timed too, as EnginePair's runs destroy their sessions
    // inside the clock; reading the results above is not.
    const auto teardown = bench::Clock::now();
    hosts.clear();
    service.reset();
    world.reset();
    r.seconds = running + bench::seconds_since(teardown);
    return r;
}

bool run_echo() {
    const auto lines = script();
    std::array<Result, 3> last;  // (a), (b), (c)
    std::array<std::vector<double>, 3> seconds;
    for (std::size_t round = 0; round < bench::rounds(); ++round) {
        last[0] = run_engine_pairs(lines);
        last[1] = run_network(lines, bench::Arrival::OneAtATime);
        last[2] = run_network(lines, bench::Arrival::Concurrent);
        for (std::size_t i = 0; i < 3; ++i)
            seconds[i].push_back(last[i].seconds);
    }
    const double a = bench::median(seconds[0]);
    const double b = bench::median(seconds[1]);
    const double c = bench::median(seconds[2]);
    std::printf("maillab simulator benchmark, median of %zu rounds\n", bench::rounds());
    std::printf("echo engine: %zu sessions x %zu lines, %zu protocol events each way\n", kSessions,
                kLines, last[0].protocol_events);
    std::printf("  (a) EnginePair, one at a time        %7.3f s\n", a);
    std::printf("  (b) virtual network, one at a time   %7.3f s  x%.2f\n", b, b / a);
    std::printf("  (c) virtual network, 1 ms apart      %7.3f s  x%.2f  (%zu open at the peak)\n",
                c, c / a, last[2].peak_open);
    std::printf("      per network run: %llu kernel events, %zu trace events\n",
                static_cast<unsigned long long>(last[2].kernel_events), last[2].trace_events);
    bool ok = true;
    for (const Result& r : last) {
        ok = ok && r.finished == kSessions && r.protocol_events == last[0].protocol_events;
    }
    if (!ok) std::printf("ERROR: an echo session did not complete, or events differ\n");
    std::printf("ratio echo (b)/(a) wall time: %.2f\n", b / a);
    std::printf("ratio echo (c)/(a) wall time: %.2f\n", c / a);
    return ok;
}

}  // namespace

int main() {
    const bool echo_ok = run_echo();
    const bool mail_ok = bench::run_mail_workload(bench::rounds());
    const bool bulk_ok = bench::run_bulk_transfer();
    return echo_ok && mail_ok && bulk_ok ? 0 : 1;
}
