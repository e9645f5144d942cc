// RealTimeDriver: runs a Simulator at wall-clock pace on an asio::io_context,
// so real sockets and the simulated world share one thread and never race.
//
// Virtual time = the simulator's time when start() was called + the wall time
// (std::chrono::steady_clock) elapsed since then, in microseconds. The bridge
// may read a clock; the protocol engines never do.
//
// Wake-ups: the timer is set for the wall time of the simulator's next event
// (Simulator::next_event_time), so an event 200 µs ahead runs 200 µs later,
// not at the next tick of a coarse clock; with no pending event it sleeps
// until poke(). poke() (socket input arrived) runs the world up to now at
// once and re-aims the timer; code that schedules into the world from
// outside the simulator (a GUI button) calls poke() too. Events that fell
// due while the thread was busy are caught up in one run_until call.
#pragma once

#include <chrono>
#include <cstddef>

#include <asio.hpp>

#include "sim/kernel/simulator.hpp"

namespace maillab::sim::bridge {

class RealTimeDriver {
public:
    RealTimeDriver(asio::io_context& io, Simulator& sim);
    RealTimeDriver(const RealTimeDriver&) = delete;
    RealTimeDriver& operator=(const RealTimeDriver&) = delete;

    // Anchors virtual time to the wall clock and arms the timer.
    void start();
    // Cancels the timer; the io_context then has no work from the driver.
    void stop();
    bool running() const { return running_; }

    // Brings the simulator up to the current wall time (call before feeding it
    // real input, so the input happens "now"), then aims the timer at the next event.
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
    std::chrono::steady_clock::time_point armed_for_{};  // when the armed timer expires
    bool running_ = false;
    bool armed_ = false;
};

}  // namespace maillab::sim::bridge
