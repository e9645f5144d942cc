// Where the labels of packets in flight go so that they never cover a host's
// box (its name, address and ports) or one another: each label tries a few
// places around its packet, nearest first, and is left out when none is
// free — a missing label is better than an unreadable pile.
#pragma once

#include <optional>
#include <vector>

#include "viz/model/geometry.hpp"

namespace maillab::viz {

struct LabelRequest {
    Point anchor;  // the packet's centre
    float width = 0;
    float height = 0;
    Point reach;  // half the packet's own size: the label starts beyond it
};

// `clearance`: the gap kept between the packet and its label.
// Returns, per request in order, the label's rectangle or nothing.
std::vector<std::optional<Rect>> place_labels(const std::vector<LabelRequest>& requests,
                                              const std::vector<Rect>& obstacles,
                                              const Rect& bounds, float clearance);

// The point where the straight line from the centre of `box` towards `to`
// leaves the box (the centre itself when `to` is inside it).
Point leave_box(const Rect& box, Point to);

}  // namespace maillab::viz
