// RealTimeDriver: runs a Simulator at wall-clock pace on an asio::io_context,
// so real sockets and the simulated world share one thread and never race.
//
// Virtual time = the simulator's time when start() was called + the wall time
// (std::chrono::steady_clock) elapsed since then, in microseconds. The bridge
// may read a clock; the protocol engines never do.
//
// Wake-ups: a steady_timer calls sim.run_until(now). The Simulator offers no
// "time of the next event", so the timer ticks every kMinTick while events run
// and backs off (doubling up to kMaxTick) while the world is quiet; with no
// pending event at all it sleeps until poke(). poke() (socket input arrived)
// runs the world at once and resets the tick, so a real client never waits
// for the back-off; code that schedules into the world from outside the
// simulator (a GUI button) calls poke() too. A burst is caught up in one
// run_until call. With Simulator::next_event_time() the timer could wake
// exactly at the next event instead of ticking.
#pragma once

#include <chrono>
#include <cstddef>

#include <asio.hpp>

#include "sim/kernel/simulator.hpp"

namespace maillab::sim::bridge {

class RealTimeDriver {
public:
    static constexpr std::chrono::microseconds kMinTick{1'000};
    static constexpr std::chrono::microseconds kMaxTick{50'000};

    RealTimeDriver(asio::io_context& io, Simulator& sim);
    RealTimeDriver(const RealTimeDriver&) = delete;
    RealTimeDriver& operator=(const RealTimeDriver&) = delete;

    // Anchors virtual time to the wall clock and arms the timer.
    void start();
    // Cancels the timer; the io_context then has no work from the driver.
    void stop();
    bool running() const { return running_; }

    // Brings the simulator up to the current wall time (call before feeding it
    // real input, so the input happens "now"), then re-arms the fast tick.
    void poke();
    // The virtual time that corresponds to now on the wall clock.
    SimTime wall_now() const;
    Simulator& sim() { return sim_; }

private:
    void catch_up();
    void arm();
    void on_tick();

    Simulator& sim_;
    asio::steady_timer timer_;
    std::chrono::steady_clock::time_point wall_start_{};
    SimTime virtual_start_ = 0;
    std::chrono::microseconds tick_ = kMinTick;
    bool running_ = false;
    bool armed_ = false;
};

}  // namespace maillab::sim::bridge
