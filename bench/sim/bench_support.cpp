#include "bench/sim/bench_support.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <unordered_map>
#include <utility>

namespace maillab::bench {

std::size_t rounds() {
    constexpr std::size_t kDefaultRounds = 7;
    const char* text = std::getenv("MAILLAB_SIM_BENCH_ROUNDS");
    const long n = text == nullptr ? 0 : std::strtol(text, nullptr, 10);
    return n > 0 ? static_cast<std::size_t>(n) : kDefaultRounds;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

sim::SimTime stagger(Arrival arrival) {
    return arrival == Arrival::OneAtATime ? 60'000'000 : 1'000;
}

void schedule_arrivals(sim::Simulator& simulator, std::size_t count, Arrival arrival,
                       std::function<void(std::size_t)> arrive) {
    struct Next {
        sim::Simulator& simulator;
        std::size_t count;
        sim::SimTime gap;
        std::function<void(std::size_t)> arrive;
        void at(sim::SimTime delay, std::size_t i, const std::shared_ptr<Next>& self) {
            if (i >= count) return;
            simulator.schedule(delay, [self, i] {
                self->arrive(i);
                self->at(self->gap, i + 1, self);
            });
        }
    };
    auto next = std::make_shared<Next>(Next{simulator, count, stagger(arrival), std::move(arrive)});
    next->at(0, 0, next);
}

Topology::Topology(std::string_view server_name, std::string_view server_address)
    : laptop(net.add_host("laptop", "10.0.0.2", sim::HostRole::Device)),
      server(net.add_host(std::string{server_name}, server_address, sim::HostRole::Server)) {
    const auto router = net.add_host("internet", "10.0.0.1", sim::HostRole::Router);
    net.add_link(laptop, router, {.latency = 5'000, .bandwidth_bps = 100'000'000});
    net.add_link(router, server, {.latency = 1'000, .bandwidth_bps = 1'000'000'000});
}

std::size_t peak_open_connections(const sim::Trace& trace) {
    std::unordered_map<sim::ConnId, std::pair<sim::SimTime, sim::SimTime>> spans;
    for (const auto& e : trace.events()) {
        if (e.conn == sim::kNoConn) continue;
        auto [it, fresh] = spans.try_emplace(e.conn, e.t, e.t);
        it->second.second = e.t;
    }
    std::vector<std::pair<sim::SimTime, int>> edges;  // opens sort before closes at equal t
    for (const auto& [conn, span] : spans) {
        edges.emplace_back(span.first, 0);
        edges.emplace_back(span.second, 1);
    }
    std::sort(edges.begin(), edges.end());
    std::size_t open = 0, peak = 0;
    for (const auto& [t, closing] : edges) {
        open = closing ? open - 1 : open + 1;
        peak = std::max(peak, open);
    }
    return peak;
}

}  // namespace maillab::bench
