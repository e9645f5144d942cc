#include "sim/bridge/real_time_driver.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <vector>

using namespace maillab::sim;
using maillab::sim::bridge::RealTimeDriver;
using Clock = std::chrono::steady_clock;

namespace {

// Runs the io_context until done() or the limit; bounded in time.
template <class F>
bool run_io(asio::io_context& io, F done, std::chrono::milliseconds limit) {
    const auto deadline = Clock::now() + limit;
    while (!done() && Clock::now() < deadline) {
        io.run_for(std::chrono::milliseconds{5});
        if (io.stopped()) io.restart();
    }
    return done();
}

}  // namespace

TEST_CASE("real-time driver: virtual time follows the wall clock") {
    asio::io_context io;
    Simulator sim(1);
    RealTimeDriver driver(io, sim);
    SimTime fired_at = -1;
    Clock::time_point fired_wall{};
    sim.schedule(30'000, [&] {
        fired_at = sim.now();
        fired_wall = Clock::now();
    });
    const auto start = Clock::now();
    driver.start();
    REQUIRE(run_io(
        io, [&] { return fired_at >= 0; }, std::chrono::seconds{5}));
    CHECK(fired_at == 30'000);
    const auto waited = std::chrono::duration_cast<std::chrono::microseconds>(fired_wall - start);
    CHECK(waited.count() >= 30'000);
    CHECK(waited.count() < 30'000 + 500'000);  // generous for a loaded machine
    CHECK(driver.wall_now() >= 30'000);
}

TEST_CASE("real-time driver: with nothing scheduled it sleeps instead of spinning") {
    asio::io_context io;
    Simulator sim(1);
    RealTimeDriver driver(io, sim);
    driver.start();
    // No pending event: the driver leaves the io_context without work at once.
    const auto start = Clock::now();
    io.run_for(std::chrono::seconds{1});
    CHECK(Clock::now() - start < std::chrono::milliseconds{500});

    // A quiet world with a far event: the timer wakes for it, not on a tick.
    io.restart();
    bool fired = false;
    sim.schedule(400'000, [&] { fired = true; });
    driver.poke();
    const auto executed_before = sim.executed();
    std::size_t handlers = 0;
    const auto deadline = Clock::now() + std::chrono::seconds{5};
    while (!fired && Clock::now() < deadline) {
        handlers += io.run_one_for(std::chrono::milliseconds{100});
    }
    CHECK(fired);
    CHECK(sim.executed() == executed_before + 1);
    // 400 ms at a 1 ms tick would be ~400 wake-ups; aimed at the event it is one or two.
    CHECK(handlers <= 3);
}

TEST_CASE("real-time driver: a burst of events is caught up, in order") {
    asio::io_context io;
    Simulator sim(1);
    RealTimeDriver driver(io, sim);
    constexpr int kEvents = 20'000;
    std::vector<SimTime> times;
    times.reserve(kEvents);
    for (int i = 0; i < kEvents; ++i) {
        sim.schedule(i % 20'000, [&] { times.push_back(sim.now()); });
    }
    driver.start();
    REQUIRE(run_io(
        io, [&] { return times.size() == kEvents; }, std::chrono::seconds{5}));
    CHECK(std::is_sorted(times.begin(), times.end()));
    CHECK(sim.pending() == 0);

    driver.stop();
    CHECK_FALSE(driver.running());
    bool late = false;
    sim.schedule(1, [&] { late = true; });
    io.restart();
    io.run_for(std::chrono::milliseconds{20});
    CHECK_FALSE(late);  // a stopped driver runs nothing
}

TEST_CASE("real-time driver: a poke from inside an event does not run the world twice") {
    // As when a virtual connection closes inside an event and the bridge reacts with
    // poke(): a nested run would move time past the outer run's end and back, and the
    // next traced event would go back in time (seen under load with 200 real clients).
    asio::io_context io;
    Simulator sim(1);
    RealTimeDriver driver(io, sim);
    bool poked = false;
    sim.schedule(1'000, [&] {
        std::this_thread::sleep_for(std::chrono::milliseconds{20});  // wall time moves on
        CHECK(sim.in_callback());
        driver.poke();
        poked = true;
        sim.record({.kind = EventKind::SessionNote, .payload = "after the poke"});
    });
    sim.schedule(2'000, [&] { sim.record({.kind = EventKind::SessionNote, .payload = "later"}); });
    driver.start();
    REQUIRE(run_io(
        io, [&] { return poked && sim.pending() == 0; }, std::chrono::seconds{5}));
    CHECK_FALSE(sim.in_callback());
    const auto& events = sim.trace().events();
    REQUIRE(events.size() == 2);
    CHECK(events[0].t == 1'000);
    CHECK(events[1].t == 2'000);
}
