// Timeline and controls: play/pause, step, step back, lesson steps, speed,
// and a slider to seek anywhere in the trace.
#pragma once

#include "viz/panels/panel.hpp"

namespace maillab::viz {

class TimelinePanel : public Panel {
public:
    const char* title() const override { return "Timeline"; }
    void draw(const FrameContext& frame, GuiModel& model) override;
};

}  // namespace maillab::viz
