// Simulator: the event kernel of a simulated world. Virtual time is a 64-bit
// count of microseconds; events are keyed by (time, sequence) so events at the
// same time run in the order they were scheduled (FIFO), as in ns-3. One
// seeded std::mt19937_64 per run supplies all randomness, and the simulator
// owns the world's Trace so producers append with now(). It is an object,
// never a singleton: every test builds its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>

#include "sim/kernel/event_queue.hpp"
#include "sim/trace/trace.hpp"

namespace maillab::sim {

class Simulator {
public:
    using Callback = EventQueue::Callback;

    // Guard for run_until_idle: a world that keeps scheduling forever stops here.
    static constexpr std::size_t kDefaultMaxEvents = 50'000'000;

    explicit Simulator(std::uint64_t seed);

    SimTime now() const { return now_; }

    // Schedules a callback after delay microseconds (0 = later at this same
    // time, after everything already scheduled for now). A negative delay or a
    // time in the past is a caller mistake: std::invalid_argument.
    EventId schedule(SimTime delay, Callback callback);
    EventId schedule_at(SimTime t, Callback callback);
    // Returns false when the event already ran, was cancelled or never existed.
    bool cancel(EventId id);
    // A waiting event runs its callback after delay instead, as if cancelled
    // and scheduled again (same order among events at equal times); a re-armed
    // timer costs one heap move. Empty when the event is no longer waiting.
    std::optional<EventId> reschedule(EventId id, SimTime delay);

    // Runs the next event; false when there is none.
    bool step();
    // Runs events until none are left or max_events ran; returns how many ran.
    std::size_t run_until_idle(std::size_t max_events = kDefaultMaxEvents) {
        return run_events(max_events);
    }
    // Runs every event due at or before t, then sets the clock to t.
    std::size_t run_until(SimTime t);
    // Runs at most n events; returns how many ran.
    std::size_t run_events(std::size_t n);
    // Events scheduled and not yet run or cancelled.
    std::size_t pending() const { return queue_.size(); }
    // When the next event is due, if there is one.
    std::optional<SimTime> next_event_time() const;
    // Events run since the start, for benchmarks.
    std::uint64_t executed() const { return executed_; }
    // True while an event's callback runs. Running the simulator from inside a
    // callback would move time past the outer run's end and then back, so code
    // driven from outside (the real-time driver) must not do it then.
    bool in_callback() const { return depth_ > 0; }

    std::uint64_t seed() const { return seed_; }
    std::mt19937_64& rng() { return rng_; }
    // Uniform in [0, 1).
    double uniform();
    // True with probability p (p <= 0 never, p >= 1 always; no draw is made then).
    bool chance(double p);
    // Uniform integer in [lo, hi].
    std::int64_t uniform_int(std::int64_t lo, std::int64_t hi);

    Trace& trace() { return trace_; }
    const Trace& trace() const { return trace_; }
    // Appends to the trace at the current time (record.t is overwritten).
    const Event& record(const EventRecord& record);

private:
    SimTime now_ = 0;
    int depth_ = 0;  // callbacks running (nested ones are a bug, see in_callback)
    std::uint64_t executed_ = 0;
    EventQueue queue_;
    std::uint64_t seed_;
    std::mt19937_64 rng_;
    Trace trace_;
};

}  // namespace maillab::sim
