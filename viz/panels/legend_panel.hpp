// Legend: which colour stands for which protocol, the same in every view.
#pragma once

#include "viz/style/frame_context.hpp"

namespace maillab::viz {

void draw_legend(const FrameContext& frame);

}  // namespace maillab::viz
