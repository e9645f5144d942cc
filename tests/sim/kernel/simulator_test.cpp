#include "sim/kernel/simulator.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

using namespace maillab::sim;

TEST_CASE("events at the same time run in the order they were scheduled") {
    Simulator sim{1};
    std::vector<int> order;
    for (int i = 0; i < 10; ++i)
        sim.schedule(100, [&order, i] { order.push_back(i); });
    sim.schedule(50, [&order] { order.push_back(-1); });
    REQUIRE(sim.run_until_idle() == 11);
    REQUIRE(order == std::vector<int>{-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    REQUIRE(sim.now() == 100);
}

TEST_CASE("a callback may schedule more events, which run after those already due") {
    Simulator sim{1};
    std::vector<std::string> order;
    sim.schedule(10, [&] {
        order.push_back("a");
        sim.schedule(0, [&] { order.push_back("a-now"); });
        sim.schedule(5, [&] {
            order.push_back("a+5");
            REQUIRE(sim.now() == 15);
        });
    });
    sim.schedule(10, [&] { order.push_back("b"); });
    sim.schedule(12, [&] { order.push_back("c"); });
    sim.run_until_idle();
    REQUIRE(order == std::vector<std::string>{"a", "b", "a-now", "c", "a+5"});
}

TEST_CASE("cancelled events never run and cancel reports whether it did anything") {
    Simulator sim{1};
    int ran = 0;
    const EventId keep = sim.schedule(1, [&] { ran += 1; });
    const EventId drop = sim.schedule(2, [&] { ran += 10; });
    REQUIRE(sim.pending() == 2);
    REQUIRE(sim.cancel(drop));
    REQUIRE_FALSE(sim.cancel(drop));
    REQUIRE(sim.pending() == 1);
    sim.run_until_idle();
    REQUIRE(ran == 1);
    REQUIRE_FALSE(sim.cancel(keep));  // already ran
    REQUIRE(sim.pending() == 0);
}

TEST_CASE("negative delays and times in the past are refused") {
    Simulator sim{1};
    REQUIRE_THROWS_AS(sim.schedule(-1, [] {}), std::invalid_argument);
    sim.schedule(100, [] {});
    sim.run_until_idle();
    REQUIRE_THROWS_AS(sim.schedule_at(99, [] {}), std::invalid_argument);
    REQUIRE_THROWS_AS(sim.run_until(50), std::invalid_argument);
    REQUIRE_NOTHROW(sim.schedule_at(100, [] {}));
    REQUIRE(sim.pending() == 1);
}

TEST_CASE("run_until runs what is due up to and including t, then sets the clock to t") {
    Simulator sim{1};
    std::vector<SimTime> ran;
    for (SimTime t : {10, 20, 30, 40})
        sim.schedule_at(t, [&sim, &ran] { ran.push_back(sim.now()); });
    REQUIRE(sim.run_until(30) == 3);
    REQUIRE(ran == std::vector<SimTime>{10, 20, 30});
    REQUIRE(sim.now() == 30);
    REQUIRE(sim.pending() == 1);
    REQUIRE(sim.run_until(35) == 0);
    REQUIRE(sim.now() == 35);
    sim.schedule(0, [] {});  // "now" is 35 after run_until
    REQUIRE(sim.run_until_idle() == 2);
    REQUIRE(sim.now() == 40);
}

TEST_CASE("step runs exactly one event and run_events at most n") {
    Simulator sim{1};
    int count = 0;
    for (int i = 0; i < 5; ++i)
        sim.schedule(i, [&] { ++count; });
    REQUIRE(sim.step());
    REQUIRE(count == 1);
    REQUIRE(sim.run_events(3) == 3);
    REQUIRE(count == 4);
    REQUIRE(sim.run_events(10) == 1);
    REQUIRE_FALSE(sim.step());
    REQUIRE(sim.executed() == 5);
}

TEST_CASE("run_until_idle stops at its guard when the world never goes quiet") {
    Simulator sim{1};
    std::function<void()> tick = [&] { sim.schedule(1000, tick); };
    sim.schedule(0, tick);
    REQUIRE(sim.run_until_idle(100) == 100);
    REQUIRE(sim.pending() == 1);
}

TEST_CASE("the same seed gives the same random draws, another seed others") {
    Simulator a{42}, b{42}, c{43};
    std::vector<double> da, db, dc;
    for (int i = 0; i < 20; ++i) {
        da.push_back(a.uniform());
        db.push_back(b.uniform());
        dc.push_back(c.uniform());
    }
    REQUIRE(da == db);
    REQUIRE(da != dc);
    for (double x : da)
        REQUIRE((x >= 0.0 && x < 1.0));
    REQUIRE(a.seed() == 42);
}

TEST_CASE("chance and uniform_int stay in range and honour the extremes") {
    Simulator sim{7};
    for (int i = 0; i < 100; ++i) {
        REQUIRE_FALSE(sim.chance(0.0));
        REQUIRE(sim.chance(1.0));
        const auto v = sim.uniform_int(-3, 3);
        REQUIRE((v >= -3 && v <= 3));
    }
    int hits = 0;
    for (int i = 0; i < 10000; ++i)
        hits += sim.chance(0.25) ? 1 : 0;
    REQUIRE(hits > 2200);
    REQUIRE(hits < 2800);
    REQUIRE_THROWS_AS(sim.uniform_int(2, 1), std::invalid_argument);
}

TEST_CASE("record stamps trace events with the current virtual time") {
    Simulator sim{1};
    sim.schedule(1234,
                 [&] { sim.record({.t = 99, .kind = EventKind::Narration, .payload = "hi"}); });
    sim.run_until_idle();
    REQUIRE(sim.trace().size() == 1);
    REQUIRE(sim.trace()[0].t == 1234);
    REQUIRE(sim.trace().payload(sim.trace()[0]) == "hi");
}
