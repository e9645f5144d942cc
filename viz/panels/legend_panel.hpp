// Legend: which colour stands for which protocol, the same in every view.
#pragma once

#include "viz/app/window.hpp"

namespace maillab::viz {

void draw_legend(const FrameContext& frame);

}  // namespace maillab::viz
