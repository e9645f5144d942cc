// Panel: one view of the window, one class, one file. Each frame the app
// calls draw() inside an ImGui window the app has placed.
#pragma once

#include "viz/model/gui_model.hpp"
#include "viz/style/frame_context.hpp"

namespace maillab::viz {

class Panel {
public:
    virtual ~Panel() = default;
    virtual const char* title() const = 0;
    virtual void draw(const FrameContext& frame, GuiModel& model) = 0;
};

}  // namespace maillab::viz
