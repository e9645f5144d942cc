// Loads DejaVu Sans (and Sans Mono for raw bytes) from the system at a size
// readable on a classroom projector, times the window's scale (content
// scale × presenter scale);
// falls back to ImGui's built-in font when the files are missing.
#pragma once

#include <imgui.h>

namespace maillab::viz {

struct Fonts {
    ImFont* text = nullptr;
    ImFont* mono = nullptr;
    ImFont* heading = nullptr;
    ImFont* bold = nullptr;  // unread messages
    bool from_system = false;
};

inline constexpr float kBaseFontPixels = 18.0f;

Fonts load_fonts(float scale);

}  // namespace maillab::viz
