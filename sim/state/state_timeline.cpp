#include "sim/state/state_timeline.hpp"

#include <algorithm>

namespace maillab::sim {

StateTimeline::StateTimeline(const Trace& trace, std::size_t interval)
    : trace_(trace), interval_(std::max<std::size_t>(interval, 1)) {
    checkpoints_.emplace_back();
    catch_up();
}

void StateTimeline::catch_up() {
    while (head_.applied < trace_.size()) {
        head_.apply(trace_, trace_[head_.applied]);
        if (head_.applied % interval_ == 0) checkpoints_.push_back(head_);
    }
}

WorldState StateTimeline::at(std::size_t count) {
    catch_up();
    count = std::min(count, trace_.size());
    if (count == head_.applied) return head_;
    WorldState state = checkpoints_[count / interval_];
    while (state.applied < count)
        state.apply(trace_, trace_[state.applied]);
    return state;
}

}  // namespace maillab::sim
