// The platform shell: a GLFW window with an OpenGL 3 context, Dear ImGui set
// up with maillab's fonts and theme, the frame loop, and screenshots. It knows
// nothing about mail: each frame it calls the draw function it was given.
// Ctrl+= / Ctrl+- / Ctrl+0 change the presenter scale; fonts and style are
// rebuilt at the new size between frames and the scale is remembered.
#pragma once

#include <functional>

#include "viz/app/gui_options.hpp"
#include "viz/style/frame_context.hpp"

namespace maillab::viz {

using DrawFrame = std::function<void(const FrameContext&)>;

// Runs until the window closes (or, with a screenshot path, until the image
// is saved). Returns the process exit status. In a browser it returns 0 once
// the first frame is scheduled: draw must own (or share) everything it uses.
int run_window(const GuiOptions& options, DrawFrame draw);

}  // namespace maillab::viz
