#include "viz/model/prediction_gate.hpp"

#include <catch2/catch.hpp>

using namespace maillab;
using maillab::viz::Playback;
using maillab::viz::PredictionGate;

namespace {

// Setup, three lesson steps of two events each; step 2 has a prediction.
sim::Trace sample() {
    sim::Trace t;
    t.append({.t = 0, .kind = sim::EventKind::HostAdded, .payload = "laptop"});
    for (std::int64_t step = 1; step <= 3; ++step) {
        const sim::SimTime at = step * 1000;
        t.append({.t = at, .kind = sim::EventKind::LessonStep, .value = step});
        t.append({.t = at + 10, .kind = sim::EventKind::Command});
        t.append({.t = at + 20, .kind = sim::EventKind::Reply});
    }
    return t;
}

// Step 2's LessonStep event.
constexpr std::size_t kStep2 = 4;

PredictionGate gate_for(const sim::Trace& trace) {
    return PredictionGate{trace,
                          {{.step = 2,
                            .question = "Where will the mail be?",
                            .choices = {"server", "laptop"},
                            .answer = 0,
                            .explanation = "It waits."}}};
}

}  // namespace

TEST_CASE("prediction gate: stepping into a predicted step stops just before it and asks") {
    const auto trace = sample();
    Playback p{trace};
    PredictionGate gate = gate_for(trace);
    gate.update(p);
    for (int i = 0; i < 5; ++i) {
        p.step_forward();
        gate.update(p);
    }
    REQUIRE(gate.asking() != nullptr);
    CHECK(gate.asking()->question == "Where will the mail be?");
    CHECK(p.cursor() == kStep2);
    CHECK_FALSE(p.playing());
    // Play does not get past it until it is answered.
    p.play();
    p.step_forward();
    gate.update(p);
    CHECK(p.cursor() == kStep2);
    gate.choose(1);
    REQUIRE(gate.chosen() == 1u);
    gate.choose(0);  // the first answer counts
    CHECK(gate.chosen() == 1u);
    gate.go_on(p);
    CHECK(gate.asking() == nullptr);
    CHECK(p.playing());
    p.step_forward();
    gate.update(p);
    CHECK(p.cursor() == kStep2 + 1);
    // Answered once: going back and through again asks nothing.
    p.seek_event(1);
    gate.update(p);
    p.seek_event(kStep2 + 2);
    gate.update(p);
    CHECK(gate.asking() == nullptr);
}

TEST_CASE("prediction gate: a playhead placed just before the step asks at once") {
    const auto trace = sample();
    Playback p{trace};
    p.seek_event(kStep2);  // maillab gui --seek 1
    PredictionGate gate = gate_for(trace);
    gate.update(p);
    REQUIRE(gate.asking() != nullptr);
}

TEST_CASE("prediction gate: a jump over several steps does not ask, going back cancels") {
    const auto trace = sample();
    Playback p{trace};
    PredictionGate gate = gate_for(trace);
    gate.update(p);
    p.end();
    gate.update(p);
    CHECK(gate.asking() == nullptr);
    CHECK(p.at_end());

    Playback q{trace};
    PredictionGate again = gate_for(trace);
    q.seek_event(kStep2);
    again.update(q);
    REQUIRE(again.asking() != nullptr);
    q.seek_event(1);
    again.update(q);
    CHECK(again.asking() == nullptr);
}
