// LessonRun: plays a loaded lesson in a simulated world, one step at a time.
// Each step is traced (LessonStep, Narration), its actions are carried out
// by the devices and servers, and its checks are judged against the world
// state folded from the trace and recorded as Checkpoint events. The GUI,
// `maillab run` and the lesson tests all drive this one class.

#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "protocols/tls/deterministic_random.hpp"
#include "sim/lesson/lesson_spec.hpp"
#include "sim/state/world_state.hpp"
#include "sim/world/world.hpp"

namespace maillab::sim {

// A CRLF body padded with lines of filler up to `size` octets, when given:
// a lesson's `size` key, to fill a quota or a slow link quickly.
std::string padded_body(const std::string& body, std::optional<std::uint64_t> size);

struct CheckOutcome {
    std::string claim;
    bool passed = false;
    std::string detail;  // what was actually found
};

struct StepOutcome {
    std::size_t first_event = 0;  // trace range of the step
    std::size_t end_event = 0;
    std::vector<CheckOutcome> checks;
    std::vector<std::string> unsupported;  // actions this maillab cannot play yet
    // Mail refused during the step (a 5xx to MAIL, RCPT or the message) that
    // none of the step's checks looks at: each a sentence for the teacher.
    std::vector<std::string> unheeded_refusals;
};

class LessonRun {
public:
    // How long a step may run while waiting for an action to finish.
    static constexpr SimTime kActionLimit = 10LL * 60 * 1'000'000;
    // Time after an action for immediate consequences (a relay hop) to happen.
    static constexpr SimTime kSettle = 5'000'000;

    LessonRun(lesson::LessonSpec spec, std::uint64_t seed);
    ~LessonRun();

    const lesson::LessonSpec& spec() const { return spec_; }
    World& world() { return *world_; }
    const Trace& trace() const { return world_->trace(); }
    std::size_t steps() const { return spec_.steps.size(); }
    std::size_t next_step() const { return next_; }
    bool finished() const { return next_ >= spec_.steps.size(); }

    // Traces the next step's title and narration, so they can be shown (and a
    // prediction asked) before its actions run; returns that trace range.
    // run_step calls it when nobody did.
    std::pair<std::size_t, std::size_t> begin_step();
    StepOutcome run_step();
    // One action outside the script (the window's controls), at the end of
    // the recorded world; traced like a scripted one, after a note of who asked.
    StepOutcome play(const lesson::Action& action, std::string_view why);

private:
    void build_world();
    void perform(const lesson::Action& action, StepOutcome& outcome);
    CheckOutcome judge(const lesson::Check& check, std::size_t step_begin);
    std::vector<std::string> unheeded_refusals(const lesson::StepSpec& step,
                                               std::size_t step_begin);
    void run_until(const bool& done);

    lesson::LessonSpec spec_;
    std::unique_ptr<protocols::tls::DeterministicRandom> random_;
    std::unique_ptr<World> world_;
    std::size_t next_ = 0;
    bool begun_ = false;          // the next step's title and narration are traced
    std::size_t step_begin_ = 0;  // where the step being played starts in the trace
    WorldState state_;            // the trace folded up to folded_, for checks
    std::size_t folded_ = 0;
};

}  // namespace maillab::sim
