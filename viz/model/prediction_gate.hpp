// PredictionGate: holds the playhead just before a lesson step that has a
// "what will happen?" question, until the viewer answers (or skips) it, so
// the prediction is made before the step's actions play. Playing or stepping
// into such a step stops there; a jump over several steps (End, a click far
// along the timeline) does not, and an answered question is not asked again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "viz/model/playback.hpp"

namespace maillab::viz {

// A step's prediction with its choices already in the order shown.
struct StepPrediction {
    std::int64_t step = 0;  // the lesson step it comes before, from 1
    std::string question;
    std::vector<std::string> choices;
    std::size_t answer = 0;  // the right choice's shown position
    std::string explanation;
};

class PredictionGate {
public:
    PredictionGate(const sim::Trace& trace, std::vector<StepPrediction> predictions);

    // Once per frame, after the playhead may have moved.
    void update(Playback& playback);

    // The question being asked, if any.
    const StepPrediction* asking() const;
    // The shown position the viewer chose, once they have.
    std::optional<std::size_t> chosen() const { return chosen_; }
    void choose(std::size_t shown);
    // Answered or skipped: the step plays.
    void go_on(Playback& playback);

private:
    std::size_t steps_between(std::size_t from, std::size_t to) const;
    void hold(std::size_t k, Playback& playback);

    std::vector<StepPrediction> predictions_;
    std::vector<std::size_t> starts_;  // each prediction's LessonStep event
    std::vector<bool> done_;
    std::vector<std::size_t> step_events_;  // every LessonStep event, in order
    std::optional<std::size_t> asking_;
    std::optional<std::size_t> chosen_;
    std::size_t last_cursor_ = 0;
    bool started_ = false;
};

}  // namespace maillab::viz
