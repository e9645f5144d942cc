// The packets in flight on the topology: each moves along the links of its
// route from the edge of the sender's box to the edge of the receiver's, as
// an envelope (application data, with a padlock when it is a TLS record) or
// a small packet (TCP control, DNS), coloured by protocol, with an arrow
// showing where it goes and a short label placed where it covers no host
// and no other label. A lost segment falls off the link.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <optional>
#include <vector>

#include "viz/model/gui_model.hpp"
#include "viz/model/topology_layout.hpp"
#include "viz/style/theme.hpp"

namespace maillab::viz {

struct PacketCanvas {
    ImDrawList* draw = nullptr;
    ImVec2 origin;  // screen position of the plan's (0, 0)
    const TopologyPlan* plan = nullptr;
    const Theme* theme = nullptr;
    float line = 1.0f;             // line width factor (the window's scale)
    std::vector<Rect> keep_clear;  // more boxes no label may cover, in plan coordinates
};

// A cross centred on `c`, `half` wide either way: a lost packet, a cut link.
void draw_cross(ImDrawList* draw, ImVec2 c, float half, ImU32 col, float thickness);

// Draws every packet in flight; returns the trace event of the one under the mouse.
std::optional<std::size_t> draw_packets(const PacketCanvas& canvas, const GuiModel& model);

}  // namespace maillab::viz
