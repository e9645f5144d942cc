// Lesson: the title and narration of the step at the playhead, and the
// checkpoints of the steps played so far with ✓ or ✗ — read from the trace's
// LessonStep, Narration and Checkpoint events.
#pragma once

#include <vector>

#include "viz/panels/panel.hpp"

namespace maillab::viz {

class LessonPanel : public Panel {
public:
    const char* title() const override { return "Lesson"; }
    void draw(const FrameContext& frame, GuiModel& model) override;

private:
    std::size_t indexed_ = 0;
    std::vector<std::size_t> lesson_events_;  // LessonStep, Narration and Checkpoint indices
};

}  // namespace maillab::viz
