#include "viz/model/label_placement.hpp"

#include <algorithm>
#include <cmath>

namespace maillab::viz {

namespace {

// How many label heights above or below its packet a label may move at most.
constexpr int kMaxSteps = 3;

bool free_at(const Rect& r, const std::vector<Rect>& obstacles, const std::vector<Rect>& placed,
             const Rect& bounds) {
    if (!bounds.contains(r)) return false;
    const auto hits = [&r](const Rect& o) { return r.overlaps(o); };
    return std::none_of(obstacles.begin(), obstacles.end(), hits) &&
           std::none_of(placed.begin(), placed.end(), hits);
}

}  // namespace

std::vector<std::optional<Rect>> place_labels(const std::vector<LabelRequest>& requests,
                                              const std::vector<Rect>& obstacles,
                                              const Rect& bounds, float clearance) {
    std::vector<std::optional<Rect>> out;
    std::vector<Rect> placed;
    out.reserve(requests.size());
    for (const LabelRequest& q : requests) {
        const float centred_x = q.anchor.x - q.width * 0.5f;
        std::vector<Rect> candidates;
        for (int step = 0; step < kMaxSteps; ++step) {
            const float lift =
                q.reach.y + clearance + static_cast<float>(step) * (q.height + clearance);
            candidates.push_back({centred_x, q.anchor.y - lift - q.height, q.width, q.height});
            candidates.push_back({centred_x, q.anchor.y + lift, q.width, q.height});
        }
        const float side = q.reach.x + clearance;
        candidates.push_back({q.anchor.x + side, q.anchor.y - q.height * 0.5f, q.width, q.height});
        candidates.push_back(
            {q.anchor.x - side - q.width, q.anchor.y - q.height * 0.5f, q.width, q.height});
        std::optional<Rect> chosen;
        for (const Rect& c : candidates) {
            if (free_at(c, obstacles, placed, bounds)) {
                chosen = c;
                break;
            }
        }
        if (chosen) placed.push_back(*chosen);
        out.push_back(chosen);
    }
    return out;
}

Point leave_box(const Rect& box, Point to) {
    const Point c{box.x + box.w * 0.5f, box.y + box.h * 0.5f};
    const float dx = to.x - c.x, dy = to.y - c.y;
    if (dx == 0 && dy == 0) return c;
    // The smallest factor that takes the centre to an edge along (dx, dy).
    const float fx = dx != 0 ? (box.w * 0.5f) / std::fabs(dx) : INFINITY;
    const float fy = dy != 0 ? (box.h * 0.5f) / std::fabs(dy) : INFINITY;
    const float f = std::min(fx, fy);
    if (f >= 1.0f) return c;  // `to` lies inside the box
    return {c.x + dx * f, c.y + dy * f};
}

}  // namespace maillab::viz
