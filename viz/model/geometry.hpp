// Points and rectangles in window pixels (or any unit), for the layout
// models; no ImGui, so layouts are tested without a window.
#pragma once

namespace maillab::viz {

struct Point {
    float x = 0;
    float y = 0;
};

struct Rect {
    float x = 0;
    float y = 0;
    float w = 0;
    float h = 0;

    float right() const { return x + w; }
    float bottom() const { return y + h; }
    // True when the two share any area (touching edges do not count).
    bool overlaps(const Rect& o) const {
        return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }
    bool contains(const Rect& o) const {
        return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom();
    }
};

}  // namespace maillab::viz
