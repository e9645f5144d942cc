// Legend: which colour stands for which protocol, the same in every view.
// Its entries wrap onto more lines when the window is narrow.
#pragma once

#include "viz/app/window.hpp"

namespace maillab::viz {

// How tall the legend is when drawn `width` pixels wide, window padding included.
float legend_height(float width);
void draw_legend(const FrameContext& frame);

}  // namespace maillab::viz
