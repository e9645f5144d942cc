// What a view draws with in one frame: the fonts, the theme, the monitor's
// scale and the time since the previous frame. The window fills it in; the
// panels only read it, so they need nothing from the platform shell.
#pragma once

#include "viz/style/fonts.hpp"
#include "viz/style/theme.hpp"

namespace maillab::viz {

struct FrameContext {
    const Fonts& fonts;
    const Theme& theme;
    float content_scale = 1.0f;
    double delta_seconds = 0.0;  // wall time since the previous frame
};

}  // namespace maillab::viz
