#include "viz/model/prediction_gate.hpp"

#include <algorithm>

namespace maillab::viz {

namespace {

constexpr std::size_t kNoStep = static_cast<std::size_t>(-1);

}  // namespace

PredictionGate::PredictionGate(const sim::Trace& trace, std::vector<StepPrediction> predictions)
    : predictions_(std::move(predictions)),
      starts_(predictions_.size(), kNoStep),
      done_(predictions_.size(), false) {
    for (std::size_t i = 0; i < trace.size(); ++i) {
        if (trace[i].kind != sim::EventKind::LessonStep) continue;
        step_events_.push_back(i);
        for (std::size_t k = 0; k < predictions_.size(); ++k)
            if (predictions_[k].step == trace[i].value) starts_[k] = i;
    }
}

std::size_t PredictionGate::steps_between(std::size_t from, std::size_t to) const {
    const auto first = std::lower_bound(step_events_.begin(), step_events_.end(), from);
    const auto last = std::lower_bound(step_events_.begin(), step_events_.end(), to);
    return static_cast<std::size_t>(last - first);
}

void PredictionGate::hold(std::size_t k, Playback& playback) {
    if (asking_ != k) chosen_.reset();
    asking_ = k;
    // The playhead waits just before the step: its title and actions not yet shown.
    if (playback.cursor() != starts_[k]) playback.seek_event(starts_[k]);
    playback.pause();
}

void PredictionGate::update(Playback& playback) {
    const std::size_t cursor = playback.cursor();
    if (!started_) {
        last_cursor_ = cursor;  // where the window opened counts as no move
        started_ = true;
    }
    if (asking_) {
        if (cursor < starts_[*asking_]) {
            asking_.reset();  // the viewer went back: ask when the step comes again
            chosen_.reset();
        } else if (cursor > starts_[*asking_] && steps_between(last_cursor_, cursor) <= 1) {
            hold(*asking_, playback);
        } else if (cursor > starts_[*asking_]) {
            asking_.reset();  // a jump past several steps: not now
            chosen_.reset();
        }
        last_cursor_ = playback.cursor();
        return;
    }
    // A jump over several steps asks nothing; playing or stepping into one asks.
    const bool jumped = cursor > last_cursor_ && steps_between(last_cursor_, cursor) > 1;
    for (std::size_t k = 0; k < predictions_.size(); ++k) {
        const std::size_t start = starts_[k];
        if (done_[k] || start == kNoStep) continue;
        const bool crossed = last_cursor_ <= start && start < cursor && !jumped;
        if (cursor == start || crossed) {
            hold(k, playback);
            break;
        }
    }
    last_cursor_ = playback.cursor();
}

const StepPrediction* PredictionGate::asking() const {
    return asking_ ? &predictions_[*asking_] : nullptr;
}

void PredictionGate::choose(std::size_t shown) {
    if (asking_ && !chosen_ && shown < predictions_[*asking_].choices.size()) chosen_ = shown;
}

void PredictionGate::go_on(Playback& playback) {
    if (!asking_) return;
    done_[*asking_] = true;
    asking_.reset();
    chosen_.reset();
    playback.play();
}

}  // namespace maillab::viz
