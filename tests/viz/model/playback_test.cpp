#include "viz/model/playback.hpp"

#include <catch2/catch.hpp>

using namespace maillab;
using maillab::viz::Playback;

namespace {

// Events at 0, 1 ms, 2 ms, then a lesson step and a retry 10 minutes later.
sim::Trace sample() {
    sim::Trace t;
    t.append({.t = 0, .kind = sim::EventKind::LessonStep, .value = 1});
    t.append({.t = 1000, .kind = sim::EventKind::Command});
    t.append({.t = 2000, .kind = sim::EventKind::Reply});
    t.append({.t = 2000, .kind = sim::EventKind::LessonStep, .value = 2});
    t.append({.t = 600'000'000, .kind = sim::EventKind::DeliveryAttempt});
    t.append({.t = 600'001'000, .kind = sim::EventKind::Delivered});
    return t;
}

}  // namespace

TEST_CASE("stepping forward and back moves one event and follows its time") {
    const auto trace = sample();
    Playback p{trace};
    REQUIRE(p.cursor() == 0);
    p.step_forward();
    p.step_forward();
    REQUIRE(p.cursor() == 2);
    REQUIRE(p.time() == 1000);
    p.step_back();
    REQUIRE(p.cursor() == 1);
    REQUIRE(p.time() == 0);
    p.step_back();
    p.step_back();
    REQUIRE(p.cursor() == 0);
    p.end();
    REQUIRE(p.at_end());
    p.step_forward();
    REQUIRE(p.cursor() == trace.size());
}

TEST_CASE("playing at 1x shows events as virtual time passes") {
    const auto trace = sample();
    Playback p{trace};
    p.play();
    p.advance(0.0015);  // 1.5 ms of virtual time
    REQUIRE(p.cursor() == 2);
    p.pause();
    p.advance(10.0);
    REQUIRE(p.cursor() == 2);
}

TEST_CASE("idle stretches are skipped so a 10-minute retry does not take 10 minutes") {
    const auto trace = sample();
    Playback p{trace};
    p.seek_event(4);
    p.play();
    p.advance(0.5);  // half a second of wall time at 1x: the attempt and, 1 ms later, delivery
    REQUIRE(p.cursor() == 6);
    REQUIRE(p.time() >= 600'000'000);
}

TEST_CASE("speed changes stay within 0.1x and the fastest setting") {
    const auto trace = sample();
    Playback p{trace};
    REQUIRE(p.speed() == 1.0);
    for (int i = 0; i < 20; ++i)
        p.slower();
    REQUIRE(p.speed() == Approx(0.1));
    for (int i = 0; i < 20; ++i)
        p.faster();
    REQUIRE(p.speed() == 64.0);
}

TEST_CASE("lesson steps are reached forwards and backwards") {
    const auto trace = sample();
    Playback p{trace};
    p.next_lesson_step();
    REQUIRE(p.cursor() == 3);
    p.next_lesson_step();
    REQUIRE(p.at_end());
    p.previous_lesson_step();
    REQUIRE(p.cursor() == 3);
    p.previous_lesson_step();
    REQUIRE(p.cursor() == 0);
}

TEST_CASE("seeking by time lands after every event at or before it") {
    const auto trace = sample();
    Playback p{trace};
    p.seek_time(2000);
    REQUIRE(p.cursor() == 4);
    p.seek_time(-5);  // clamped to time 0, where the first lesson step happens
    REQUIRE(p.cursor() == 1);
    REQUIRE(p.time() == 0);
    p.seek_time(700'000'000);
    REQUIRE(p.at_end());
}

TEST_CASE("a lesson starts with its world built: after the set-up events, before step 1") {
    sim::Trace trace;
    trace.append({.t = 0, .kind = sim::EventKind::HostAdded});
    trace.append({.t = 0, .kind = sim::EventKind::HostAdded});
    trace.append({.t = 0, .kind = sim::EventKind::LinkAdded});
    trace.append({.t = 0, .kind = sim::EventKind::LessonStep, .value = 1});
    trace.append({.t = 1000, .kind = sim::EventKind::Command});
    Playback p{trace};
    REQUIRE(p.start() == 3);
    REQUIRE(p.cursor() == 3);
    p.step_back();
    REQUIRE(p.cursor() == 3);
    p.end();
    p.home();
    REQUIRE(p.cursor() == 3);
    p.end();
    p.previous_lesson_step();
    REQUIRE(p.cursor() == 3);
    p.seek_event(0);  // the slider still reaches the very beginning
    REQUIRE(p.cursor() == 0);
}

TEST_CASE("a trace without lesson steps starts at its first event") {
    sim::Trace trace;
    trace.append({.t = 0, .kind = sim::EventKind::HostAdded});
    trace.append({.t = 5, .kind = sim::EventKind::Command});
    const Playback p{trace};
    REQUIRE(p.start() == 0);
    REQUIRE(p.cursor() == 0);
}
