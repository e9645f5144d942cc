// The inspector's small state diagram for the selected event's session: the
// protocol's states in order, the one the session is in at the playhead lit,
// why it is there and the command that moved it (viz/model/session_position).
#pragma once

#include "viz/style/frame_context.hpp"
#include "viz/model/gui_model.hpp"

namespace maillab::viz {

void draw_session_diagram(const FrameContext& frame, const GuiModel& model, sim::ConnId conn);

}  // namespace maillab::viz
