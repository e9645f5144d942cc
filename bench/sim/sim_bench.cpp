// Simulator overhead: the same echo conversations (kSessions sessions of
// kLines lines each) run (a) through EnginePair, engines linked in memory,
// and (b) through the virtual network (TCP over a router, every segment an
// event). Each side runs rounds() times, alternating, and the medians are
// compared, so one slow round (a page-fault storm, another process) does not
// decide the ratio. Prints events simulated per second and the wall-time
// ratio b/a.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "bench/sim/bulk_transfer.hpp"
#include "bench/sim/mail_workload.hpp"
#include "protocols/core/engine_pair.hpp"
#include "sim/net/service.hpp"
#include "tests/sim/net/line_sessions.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using maillab::test::EchoServerSession;
using maillab::test::ScriptedLineClient;
namespace sim = maillab::sim;

constexpr std::size_t kSessions = 1000;
constexpr std::size_t kLines = 20;
constexpr sim::SimTime kStagger = 1'000;  // a new session every millisecond of virtual time
constexpr std::size_t kDefaultRounds = 7;

// MAILLAB_SIM_BENCH_ROUNDS=1 for a quick look or a run under callgrind.
std::size_t rounds() {
    const char* text = std::getenv("MAILLAB_SIM_BENCH_ROUNDS");
    const long n = text == nullptr ? 0 : std::strtol(text, nullptr, 10);
    return n > 0 ? static_cast<std::size_t>(n) : kDefaultRounds;
}

std::vector<std::string> script() {
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < kLines; ++i)
        lines.push_back("line " + std::to_string(i) + " of the script");
    return lines;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

struct Result {
    double seconds = 0;
    std::size_t protocol_events = 0;
    std::size_t finished = 0;
};

Result run_engine_pairs(const std::vector<std::string>& lines) {
    Result r;
    const auto start = Clock::now();
    for (std::size_t i = 0; i < kSessions; ++i) {
        ScriptedLineClient client{lines};
        EchoServerSession server;
        maillab::protocols::core::EnginePair pair{client, server};
        pair.start();
        pair.pump();
        r.protocol_events += pair.client_events().size() + pair.server_events().size();
        if (client.finished_script()) ++r.finished;
    }
    r.seconds = seconds_since(start);
    return r;
}

Result run_network(const std::vector<std::string>& lines, std::uint64_t& kernel_events,
                   std::size_t& trace_events) {
    Result r;
    const auto start = Clock::now();
    sim::Simulator simulator{1};
    sim::Network net{simulator};
    sim::Tcp tcp{net};
    const auto device = net.add_host("laptop", "10.0.0.2", sim::HostRole::Device);
    const auto router = net.add_host("internet", "10.0.0.1", sim::HostRole::Router);
    const auto server = net.add_host("echo.test", "192.0.2.7", sim::HostRole::Server);
    net.add_link(device, router, {.latency = 5'000, .bandwidth_bps = 100'000'000});
    net.add_link(router, server, {.latency = 1'000, .bandwidth_bps = 1'000'000'000});
    sim::Service service{tcp, server, 7, "echo", [](const sim::Connection&) {
                             return std::make_unique<EchoServerSession>();
                         }};
    std::vector<ScriptedLineClient*> clients;
    std::vector<std::shared_ptr<sim::SessionHost>> hosts;
    for (std::size_t i = 0; i < kSessions; ++i) {
        simulator.schedule_at(static_cast<sim::SimTime>(i) * kStagger, [&] {
            auto session = std::make_unique<ScriptedLineClient>(lines);
            clients.push_back(session.get());
            hosts.push_back(
                sim::SessionHost::connect(tcp, device, "echo.test", 7, std::move(session)));
        });
    }
    simulator.run_until_idle();
    r.seconds = seconds_since(start);
    for (const auto* c : clients)
        r.finished += c->finished_script() ? 1u : 0u;
    for (const auto& e : simulator.trace().events()) {
        const bool protocol = e.kind == sim::EventKind::Command ||
                              e.kind == sim::EventKind::Reply ||
                              e.kind == sim::EventKind::SessionState;
        r.protocol_events += protocol ? 1u : 0u;
    }
    kernel_events = simulator.executed();
    trace_events = simulator.trace().size();
    return r;
}

}  // namespace

int main() {
    const auto lines = script();
    Result direct;
    Result network;
    std::uint64_t kernel_events = 0;
    std::size_t trace_events = 0;
    std::vector<double> direct_seconds;
    std::vector<double> network_seconds;
    for (std::size_t round = 0; round < rounds(); ++round) {
        direct = run_engine_pairs(lines);
        network = run_network(lines, kernel_events, trace_events);
        direct_seconds.push_back(direct.seconds);
        network_seconds.push_back(network.seconds);
    }
    direct.seconds = median(direct_seconds);
    network.seconds = median(network_seconds);

    std::printf(
        "maillab simulator benchmark: %zu echo sessions x %zu lines, median of %zu rounds\n",
        kSessions, kLines, rounds());
    std::printf("(a) EnginePair       %8.3f s  %zu/%zu sessions complete, %zu protocol events\n",
                direct.seconds, direct.finished, kSessions, direct.protocol_events);
    std::printf("(b) virtual network  %8.3f s  %zu/%zu sessions complete, %zu protocol events\n",
                network.seconds, network.finished, kSessions, network.protocol_events);
    std::printf("    kernel events %llu (%.0f per second), trace events %zu (%.0f per second)\n",
                static_cast<unsigned long long>(kernel_events),
                static_cast<double>(kernel_events) / network.seconds, trace_events,
                static_cast<double>(trace_events) / network.seconds);
    std::printf("ratio (b)/(a) wall time: %.1f\n", network.seconds / direct.seconds);
    const bool ok = direct.finished == kSessions && network.finished == kSessions;
    if (!ok) std::printf("ERROR: not every session completed\n");
    const bool mail_ok = maillab::bench::run_mail_workload(rounds());
    const bool bulk_ok = maillab::bench::run_bulk_transfer();
    return ok && mail_ok && bulk_ok ? 0 : 1;
}
