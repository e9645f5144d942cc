// Legend: which colour stands for which protocol, the same in every view.
// Its entries wrap onto more lines when the window is narrow.
#pragma once

#include "viz/style/frame_context.hpp"

namespace maillab::viz {

// How many lines the legend takes when drawn `width` pixels wide.
int legend_lines(float width);
// How tall that is, window padding included.
float legend_height(int lines);
void draw_legend(const FrameContext& frame);

}  // namespace maillab::viz
