#include "sim/kernel/simulator.hpp"

#include <stdexcept>
#include <utility>

namespace maillab::sim {

Simulator::Simulator(std::uint64_t seed) : seed_(seed), rng_(seed) {}

EventId Simulator::schedule(SimTime delay, Callback callback) {
    if (delay < 0) throw std::invalid_argument("Simulator::schedule: negative delay");
    return schedule_at(now_ + delay, std::move(callback));
}

EventId Simulator::schedule_at(SimTime t, Callback callback) {
    if (t < now_) throw std::invalid_argument("Simulator::schedule_at: time in the past");
    if (!callback) throw std::invalid_argument("Simulator::schedule_at: empty callback");
    return queue_.push(t, std::move(callback));
}

bool Simulator::cancel(EventId id) {
    return queue_.cancel(id);
}

std::optional<EventId> Simulator::reschedule(EventId id, SimTime delay) {
    if (delay < 0) throw std::invalid_argument("Simulator::reschedule: negative delay");
    return queue_.reschedule(id, now_ + delay);
}

bool Simulator::step() {
    if (queue_.empty()) return false;
    EventQueue::Due due = queue_.pop();
    now_ = due.t;
    ++executed_;
    const struct Depth {
        int& depth;
        explicit Depth(int& d) : depth(++d) {}
        ~Depth() { --depth; }
    } inside{depth_};
    due.callback();
    return true;
}

std::optional<SimTime> Simulator::next_event_time() const {
    if (queue_.empty()) return std::nullopt;
    return queue_.next_time();
}

std::size_t Simulator::run_until(SimTime t) {
    if (t < now_) throw std::invalid_argument("Simulator::run_until: time in the past");
    std::size_t ran = 0;
    for (;;) {
        const auto next = next_event_time();
        if (!next || *next > t) break;
        step();
        ++ran;
    }
    now_ = t;
    return ran;
}

std::size_t Simulator::run_events(std::size_t n) {
    std::size_t ran = 0;
    while (ran < n && step())
        ++ran;
    return ran;
}

// Written out rather than std::uniform_*_distribution, whose output differs
// between standard libraries: a trace must be identical on every platform.
double Simulator::uniform() {
    return static_cast<double>(rng_() >> 11) * 0x1.0p-53;
}

bool Simulator::chance(double p) {
    if (p <= 0.0) return false;
    if (p >= 1.0) return true;
    return uniform() < p;
}

std::int64_t Simulator::uniform_int(std::int64_t lo, std::int64_t hi) {
    if (hi < lo) throw std::invalid_argument("Simulator::uniform_int: empty range");
    const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
    const std::uint64_t draw = span == 0 ? rng_() : rng_() % span;  // span 0: the full range
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + draw);
}

const Event& Simulator::record(const EventRecord& record) {
    return trace_.append(record, now_);
}

}  // namespace maillab::sim
