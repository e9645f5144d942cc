// StateTimeline: the world state at any point of a trace, fast. It keeps a
// folded WorldState every kCheckpointInterval events, so seeking folds at
// most that many events whatever the trace's length (the GUI's step-back and
// seek rely on this).
#pragma once

#include <cstddef>
#include <vector>

#include "sim/state/world_state.hpp"

namespace maillab::sim {

class StateTimeline {
public:
    static constexpr std::size_t kCheckpointInterval = 8192;

    explicit StateTimeline(const Trace& trace, std::size_t interval = kCheckpointInterval);

    // Folds events appended to the trace since the last call into checkpoints.
    void catch_up();
    // The state after the first `count` events (count <= trace size).
    WorldState at(std::size_t count);

private:
    const Trace& trace_;
    std::size_t interval_;
    std::vector<WorldState> checkpoints_;  // checkpoints_[i] = state after i * interval_ events
    WorldState head_;                      // state after all events folded so far
};

}  // namespace maillab::sim
