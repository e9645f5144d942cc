// Text that must fit a width: cut with "…" (never silently) and the whole
// shown on hover. Measures with the current ImGui font, so it works at any
// presenter scale.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>

#include "viz/model/topology_layout.hpp"

namespace maillab::viz {

// Width of a text in pixels at the current font.
float imgui_text_width(std::string_view text);
// The same, as the layout models take it.
TextWidth imgui_text_measure();
// The text, or its longest prefix followed by "…" that fits `room` pixels.
std::string fit_text(std::string_view text, float room);
// A line of text in the current item position, cut to the room left on the
// line, with the whole text as a tooltip when it was cut. `color` 0: the style's.
void fitted_text(std::string_view text, ImU32 color = 0);
// A host name on up to two lines split after a dot or dash ("mail.example." / "org"), as the
// network view shows it, cut with "…" and whole on hover only when even two lines are short.
void fitted_name(std::string_view name);
// Prose wrapped to the room left in the window, breaking only at spaces
// (ImGui's own wrapping splits "198.51.100.10" at its dots).
void text_wrapped_at_spaces(std::string_view text);

}  // namespace maillab::viz
