#include "viz/model/sniffer_layout.hpp"

#include <algorithm>
#include <optional>

#include "viz/model/label_placement.hpp"

namespace maillab::viz {

namespace {

// How far from the tap a box may move, in steps of half its height either way.
constexpr int kSteps = 12;

bool free_at(const Rect& r, const TopologyPlan& plan, const std::vector<SnifferPlan>& placed,
             float margin) {
    const Rect grown{r.x - margin, r.y - margin, r.w + 2 * margin, r.h + 2 * margin};
    if (r.x < 0 || r.y < 0 || r.right() > plan.width || r.bottom() > plan.height) return false;
    for (const NodePlan& n : plan.nodes) {
        if (grown.overlaps(n.box)) return false;
    }
    for (const SnifferPlan& s : placed) {
        if (grown.overlaps(s.box)) return false;
    }
    return true;
}

// Nearest free spot to the tap: first on it, then beside it, further each time.
std::optional<Rect> near_tap(Point tap, float w, float h, const TopologyPlan& plan,
                             const std::vector<SnifferPlan>& placed, float margin) {
    for (int k = 0; k <= kSteps; ++k) {
        const float dy = static_cast<float>(k) * h * 0.5f;
        for (const float dx : {0.0f, -w * 0.5f, w * 0.5f}) {
            for (const float sign : {1.0f, -1.0f}) {
                const Rect r{tap.x - w * 0.5f + dx, tap.y - h * 0.5f + sign * dy, w, h};
                if (free_at(r, plan, placed, margin)) return r;
            }
        }
    }
    return std::nullopt;
}

}  // namespace

std::vector<SnifferPlan> place_sniffers(
    TopologyPlan& plan, const std::vector<std::pair<sim::HostId, sim::HostId>>& links, float em,
    const TextWidth& text_width, const TopologySizes& sizes) {
    std::vector<SnifferPlan> out;
    const float pad = sizes.padding_em * em;
    const float margin = pad;
    const float gap = sizes.gap_em * em;
    for (const auto& [a, b] : links) {
        const NodePlan* na = plan.find(a);
        const NodePlan* nb = plan.find(b);
        if (na == nullptr || nb == nullptr) continue;
        SnifferPlan s{.a = a, .b = b, .label = kSnifferLabel};
        const Point ea = leave_box(na->box, plan.centre(b));
        const Point eb = leave_box(nb->box, plan.centre(a));
        s.tap = {(ea.x + eb.x) * 0.5f, (ea.y + eb.y) * 0.5f};
        const float w = kSnifferIconEm * em + text_width(s.label) + pad * 2;
        const float h = std::max(plan.line_height, kSnifferIconEm * em * 0.8f) + pad * 2;
        if (const auto r = near_tap(s.tap, w, h, plan, out, margin)) {
            s.box = *r;
        } else {  // below everything, the canvas one row taller
            plan.width = std::max(plan.width, w + gap * 2);
            s.box = {std::clamp(s.tap.x - w * 0.5f, gap, std::max(gap, plan.width - w - gap)),
                     plan.height, w, h};
            plan.height += h + gap;
        }
        s.text_at = {s.box.x + kSnifferIconEm * em, s.box.y + (h - plan.line_height) * 0.5f};
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace maillab::viz
