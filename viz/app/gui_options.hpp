// What `maillab gui` was asked to do.
#pragma once

#include <optional>
#include <string>

#include "viz/style/theme_kind.hpp"

namespace maillab::viz {

struct GuiOptions {
    int width = 1600;
    int height = 900;
    ThemeKind theme = ThemeKind::Dark;
    // Render this many frames, save the window as a PNG and exit (tests, README images).
    std::optional<std::string> screenshot_path;
    int screenshot_after_frames = 3;
    // Presenter scale at start (100 to 250); see viz/model/presenter_scale.hpp.
    int scale_percent = 100;
    // Where the scale is remembered between runs; empty: not remembered.
    std::string settings_file;
};

}  // namespace maillab::viz
