// The "what will happen?" window: while the prediction gate holds the
// playhead before a step, a window in the middle of the screen asks the
// step's question; a click on a choice (or its letter or number) reveals
// whether it was right and why, and "Watch what happens" plays the step.
#pragma once

#include "viz/model/playback.hpp"
#include "viz/model/prediction_gate.hpp"
#include "viz/style/frame_context.hpp"

namespace maillab::viz {

void draw_prediction(const FrameContext& frame, PredictionGate& gate, Playback& playback);

}  // namespace maillab::viz
