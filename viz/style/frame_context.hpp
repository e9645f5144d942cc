// What a view draws with in one frame: the fonts, the theme, the one scale
// factor every size comes from, and the time since the previous frame. The window fills it in; the
// panels only read it, so they need nothing from the platform shell.
#pragma once

#include "viz/model/presenter_scale.hpp"
#include "viz/style/fonts.hpp"
#include "viz/style/theme.hpp"

namespace maillab::viz {

struct FrameContext {
    const Fonts& fonts;
    const Theme& theme;
    // The one factor every size comes from: the monitor's content scale times
    // the presenter scale. Fonts and style already include it; custom drawing
    // multiplies its line widths by it.
    float scale = 1.0f;
    // Changing it (the View menu) takes effect from the next frame.
    PresenterScale& presenter;
    double delta_seconds = 0.0;  // wall time since the previous frame
};

}  // namespace maillab::viz
