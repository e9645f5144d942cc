// What both workloads of the simulator benchmark share: rounds and medians,
// the laptop - router - server topology, and the two ways conversations
// arrive on the network.
//
// One at a time is the like-for-like comparison with EnginePair, which runs
// one conversation to its end before the next: the difference is then the
// virtual network alone. A new one every millisecond keeps a few hundred
// open at once, as a classroom on `maillab serve` does; their state no
// longer fits in the CPU caches, which EnginePair never has to pay for.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "sim/net/tcp.hpp"

namespace maillab::bench {

namespace sim = maillab::sim;
using Clock = std::chrono::steady_clock;

// MAILLAB_SIM_BENCH_ROUNDS overrides the default of 7 (1 for a quick look
// or a run under callgrind).
std::size_t rounds();
double seconds_since(Clock::time_point start);
double median(std::vector<double> values);

enum class Arrival { OneAtATime, Concurrent };
inline constexpr Arrival kArrivals[] = {Arrival::OneAtATime, Arrival::Concurrent};
// Virtual time between two conversations: 60 s (each is long over by then)
// or 1 ms.
sim::SimTime stagger(Arrival arrival);
// Calls arrive(0) at time 0 and arrive(i) stagger(arrival) after arrive(i-1),
// for i < count. Each arrival schedules the next, so one waits in the
// simulator's queue at a time, as when clients really come and go (all of
// them queued up front would make every queue operation slower).
void schedule_arrivals(sim::Simulator& simulator, std::size_t count, Arrival arrival,
                       std::function<void(std::size_t)> arrive);

// A laptop (10.0.0.2) behind a router, 5 ms and 100 Mbit/s away, and a
// server 1 ms and 1 Gbit/s behind the router.
struct Topology {
    Topology(std::string_view server_name, std::string_view server_address);
    sim::Simulator simulator{1};
    sim::Network net{simulator};
    sim::Tcp tcp{net};
    sim::HostId laptop;
    sim::HostId server;
};

// The most connections open at the same time in a trace, counting each from
// its first event to its last.
std::size_t peak_open_connections(const sim::Trace& trace);

}  // namespace maillab::bench
