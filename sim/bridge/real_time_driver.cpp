#include "sim/bridge/real_time_driver.hpp"

#include <algorithm>

namespace maillab::sim::bridge {

RealTimeDriver::RealTimeDriver(asio::io_context& io, Simulator& sim) : sim_(sim), timer_(io) {}

void RealTimeDriver::start() {
    wall_start_ = std::chrono::steady_clock::now();
    virtual_start_ = sim_.now();
    running_ = true;
    arm();
}

void RealTimeDriver::stop() {
    running_ = false;
    armed_ = false;
    timer_.cancel();
}

SimTime RealTimeDriver::wall_now() const {
    auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - wall_start_);
    return virtual_start_ + static_cast<SimTime>(elapsed.count());
}

void RealTimeDriver::catch_up() {
    // Called from inside an event (a virtual connection closed and the bridge reacts):
    // the run already under way carries on, and the timer brings the rest.
    if (sim_.in_callback()) return;
    // The world may have been advanced by hand (a test, a lesson step); never go back.
    sim_.run_until(std::max(wall_now(), sim_.now()));
}

void RealTimeDriver::poke() {
    if (!running_) return;
    catch_up();
    arm();
}

void RealTimeDriver::arm() {
    if (!running_) return;
    const auto next = sim_.next_event_time();
    if (!next) return;  // nothing can happen until poke(); a pending wait fires harmlessly
    const auto due =
        wall_start_ + std::chrono::microseconds{std::max(*next, virtual_start_) - virtual_start_};
    if (armed_ && armed_for_ <= due) return;  // the armed wake-up comes first anyway
    timer_.cancel();  // a pending wait completes with operation_aborted and is ignored
    armed_ = true;
    armed_for_ = due;
    timer_.expires_at(due);
    timer_.async_wait([this](const asio::error_code& ec) {
        if (ec) return;  // cancelled by arm() or stop(); whoever cancelled re-arms if needed
        armed_ = false;
        on_tick();
    });
}

void RealTimeDriver::on_tick() {
    if (!running_) return;
    catch_up();
    arm();
}

}  // namespace maillab::sim::bridge
