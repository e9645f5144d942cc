// Lesson: the title and narration of the step at the playhead, and the
// checkpoints of the steps played so far with ✓ or ✗ — read from the trace's
// LessonStep, Narration and Checkpoint events. Before the first step, the
// titles of all the steps (those behind a prediction held back).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "viz/panels/panel.hpp"

namespace maillab::viz {

class LessonPanel : public Panel {
public:
    // Steps that open with a "what will happen?" question (see lesson_outline).
    explicit LessonPanel(std::set<std::int64_t> predicted_steps = {})
        : predicted_steps_(std::move(predicted_steps)) {}

    const char* title() const override { return "Lesson"; }
    void draw(const FrameContext& frame, GuiModel& model) override;

private:
    void draw_outline(const FrameContext& frame, const sim::Trace& trace);

    std::set<std::int64_t> predicted_steps_;
    std::vector<std::string> outline_;  // made once, when first shown
    std::size_t indexed_ = 0;
    std::vector<std::size_t> lesson_events_;  // LessonStep, Narration and Checkpoint indices
};

}  // namespace maillab::viz
