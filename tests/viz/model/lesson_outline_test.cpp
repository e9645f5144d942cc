#include "viz/model/lesson_outline.hpp"

#include <catch2/catch.hpp>

using namespace maillab;
using maillab::viz::lesson_outline;

namespace {

sim::Trace two_steps() {
    sim::Trace t;
    t.append({.t = 0, .kind = sim::EventKind::HostAdded, .payload = "laptop"});
    t.append({.t = 0,
              .kind = sim::EventKind::LessonStep,
              .value = 1,
              .payload = "The laptop checks mail"});
    t.append({.t = 0, .kind = sim::EventKind::Narration, .payload = "POP3 downloads everything."});
    t.append({.t = 5,
              .kind = sim::EventKind::LessonStep,
              .value = 2,
              .payload = "The phone checks mail and finds nothing"});
    return t;
}

}  // namespace

TEST_CASE("the lesson outline lists every step's title, numbered") {
    CHECK(lesson_outline(two_steps(), {}) ==
          std::vector<std::string>{"1. The laptop checks mail",
                                   "2. The phone checks mail and finds nothing"});
}

TEST_CASE("a step behind a prediction keeps its title back in the outline") {
    const std::vector<viz::StepPrediction> predictions{
        {.step = 2, .question = "What will the phone get?"}};
    CHECK(viz::predicted_steps(predictions) == std::set<std::int64_t>{2});
    CHECK(lesson_outline(two_steps(), viz::predicted_steps(predictions)) ==
          std::vector<std::string>{"1. The laptop checks mail",
                                   "2. What will happen? A question first."});
}
