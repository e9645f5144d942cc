// View menu: the presenter scale, 100 % to 250 %, with its keyboard
// shortcuts shown beside the items that do the same.
#pragma once

#include "viz/style/frame_context.hpp"

namespace maillab::viz {

void draw_view_menu(const FrameContext& frame);

}  // namespace maillab::viz
