#include "viz/panels/packet_drawing.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "viz/model/label_placement.hpp"
#include "viz/model/packet_look.hpp"

namespace maillab::viz {

namespace {

// Sizes in ems of the font at the current scale.
constexpr float kEnvelopeWidthEm = 2.0f;
constexpr float kEnvelopeHeightEm = 1.3f;
constexpr float kPacketEm = 0.45f;  // radius of a control packet
constexpr float kArrowEm = 0.45f;
constexpr float kLabelPadEm = 0.3f;
constexpr float kClearanceEm = 0.35f;
constexpr float kFallEm = 4.0f;  // how far a lost segment falls
// How far along the route the direction of travel is measured.
constexpr float kTangentStep = 0.01f;
constexpr int kShadeAlpha = 110;
constexpr int kLabelFillAlpha = 235;

ImU32 with_alpha(ImU32 color, int alpha) {
    return (color & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

ImVec2 add(ImVec2 a, ImVec2 b, float f = 1.0f) {
    return ImVec2(a.x + b.x * f, a.y + b.y * f);
}

// `from` moved `by` towards `to`.
Point towards(Point from, Point to, float by) {
    const float d = std::hypot(to.x - from.x, to.y - from.y);
    if (d <= by) return to;
    return {from.x + (to.x - from.x) * by / d, from.y + (to.y - from.y) * by / d};
}

// The route in canvas coordinates: through the centres of the hosts in
// between, starting and ending `clear` beyond the edges of the two ends'
// boxes, so a packet never covers the name or address of its sender or receiver.
std::vector<Point> route_of(const TopologyPlan& plan, const std::vector<sim::HostId>& hosts,
                            float clear) {
    std::vector<Point> route = plan.route_through(hosts);
    if (route.size() < 2) return route;
    const Point first = leave_box(plan.find(hosts.front())->box, route[1]);
    const Point last = leave_box(plan.find(hosts.back())->box, route[route.size() - 2]);
    route.front() = towards(first, route[1], clear);
    route.back() = towards(last, route[route.size() - 2], clear);
    return route;
}

// The point of `r` nearest to `p`.
ImVec2 nearest_on(const Rect& r, ImVec2 p) {
    return ImVec2(std::clamp(p.x, r.x, r.right()), std::clamp(p.y, r.y, r.bottom()));
}

void draw_padlock(ImDrawList* draw, ImVec2 c, float s, ImU32 col, float line) {
    draw->AddRectFilled(ImVec2(c.x - s, c.y - s * 0.2f), ImVec2(c.x + s, c.y + s), col, line);
    draw->PathArcTo(ImVec2(c.x, c.y - s * 0.2f), s * 0.65f, 3.14159f, 6.28318f, 10);
    draw->PathStroke(col, 0, 1.5f * line);
}

void draw_arrow(ImDrawList* draw, ImVec2 tip, ImVec2 dir, float size, ImU32 col) {
    const ImVec2 side{-dir.y, dir.x};
    const ImVec2 back = add(tip, dir, -size);
    draw->AddTriangleFilled(tip, add(back, side, size * 0.6f), add(back, side, -size * 0.6f), col);
}

struct Drawn {
    std::size_t event;
    ImVec2 at;
    ImVec2 half;  // half the size of the shape, for hovering
    PacketLook look;
};

}  // namespace

void draw_cross(ImDrawList* draw, ImVec2 c, float half, ImU32 col, float thickness) {
    draw->AddLine(ImVec2(c.x - half, c.y - half), ImVec2(c.x + half, c.y + half), col, thickness);
    draw->AddLine(ImVec2(c.x - half, c.y + half), ImVec2(c.x + half, c.y - half), col, thickness);
}

std::optional<std::size_t> draw_packets(const PacketCanvas& canvas, const GuiModel& model) {
    const float em = ImGui::GetFontSize();
    const TopologyPlan& plan = *canvas.plan;
    const Theme& theme = *canvas.theme;
    ImDrawList* draw = canvas.draw;
    const sim::WorldState& world = model.now();
    std::vector<Drawn> drawn;
    for (const PacketInFlight& packet : model.in_flight()) {
        if (plan.find(packet.from) == nullptr || plan.find(packet.to) == nullptr) continue;
        const float clear = std::hypot(kEnvelopeWidthEm, kEnvelopeHeightEm) * em * 0.5f;
        const auto route = route_of(plan, path_between(world, packet.from, packet.to), clear);
        if (route.size() < 2) continue;
        const Point p = along(route, packet.progress);
        const Point ahead = along(route, std::min(packet.progress + kTangentStep, 1.0f));
        const Point behind = along(route, std::max(packet.progress - kTangentStep, 0.0f));
        const float dx = ahead.x - behind.x, dy = ahead.y - behind.y;
        const float len = std::max(std::hypot(dx, dy), 1e-3f);
        const ImVec2 dir{dx / len, dy / len};
        ImVec2 at = add(canvas.origin, ImVec2(p.x, p.y));
        PacketLook look = packet_look(model.trace(), world, packet);
        const ImU32 col = theme.protocol(look.encrypted ? ProtocolColor::Tls : look.protocol);
        ImVec2 half{kPacketEm * em, kPacketEm * em};
        switch (look.shape) {
            case PacketShape::Envelope: {
                half = ImVec2(kEnvelopeWidthEm * em * 0.5f, kEnvelopeHeightEm * em * 0.5f);
                const ImVec2 lo = add(at, half, -1.0f), hi = add(at, half);
                draw->AddRectFilled(lo, hi, col, 2.0f * canvas.line);
                const ImU32 shade = with_alpha(IM_COL32_BLACK, kShadeAlpha);
                draw->AddRect(lo, hi, shade, 2.0f * canvas.line, 0, canvas.line);
                draw->AddLine(lo, ImVec2(at.x, at.y + half.y * 0.2f), shade, 1.2f * canvas.line);
                draw->AddLine(ImVec2(hi.x, lo.y), ImVec2(at.x, at.y + half.y * 0.2f), shade,
                              1.2f * canvas.line);
                if (look.encrypted) {
                    draw_padlock(draw, ImVec2(at.x, at.y + half.y * 0.25f), half.y * 0.45f,
                                 IM_COL32_BLACK, canvas.line);
                }
                break;
            }
            case PacketShape::Packet:
                draw->AddCircleFilled(at, half.x, col);
                break;
            case PacketShape::Lost: {
                at.y += packet.progress * kFallEm * em;
                draw_cross(draw, at, half.x, theme.failure(), 2.5f * canvas.line);
                look.protocol = ProtocolColor::Tcp;
                break;
            }
        }
        if (look.shape != PacketShape::Lost) {
            const float reach = std::fabs(dir.x) * half.x + std::fabs(dir.y) * half.y;
            draw_arrow(draw, add(at, dir, reach + kArrowEm * em), dir, kArrowEm * em, col);
        }
        drawn.push_back({packet.event, at, half, std::move(look)});
    }

    // Labels where they hide no host and no other label; the newest packets first.
    std::vector<LabelRequest> requests;
    std::vector<std::size_t> order;
    const float pad = kLabelPadEm * em;
    for (std::size_t k = drawn.size(); k-- > 0;) {
        const ImVec2 ts = ImGui::CalcTextSize(drawn[k].look.label.c_str());
        requests.push_back({{drawn[k].at.x, drawn[k].at.y},
                            ts.x + pad * 2,
                            ts.y + pad,
                            {drawn[k].half.x, drawn[k].half.y}});
        order.push_back(k);
    }
    std::vector<Rect> obstacles;
    for (const NodePlan& n : plan.nodes)
        obstacles.push_back(
            {canvas.origin.x + n.box.x, canvas.origin.y + n.box.y, n.box.w, n.box.h});
    for (const Rect& r : canvas.keep_clear)
        obstacles.push_back({canvas.origin.x + r.x, canvas.origin.y + r.y, r.w, r.h});
    for (const Drawn& d : drawn)
        obstacles.push_back({d.at.x - d.half.x, d.at.y - d.half.y, d.half.x * 2, d.half.y * 2});
    const Rect bounds{canvas.origin.x, canvas.origin.y, plan.width, plan.height};
    const auto placed = place_labels(requests, obstacles, bounds, kClearanceEm * em);
    const ImU32 fill = with_alpha(ImGui::GetColorU32(ImGuiCol_PopupBg), kLabelFillAlpha);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    for (std::size_t i = 0; i < placed.size(); ++i) {
        if (!placed[i]) continue;
        const Drawn& d = drawn[order[i]];
        const Rect& r = *placed[i];
        const ImU32 col = d.look.shape == PacketShape::Lost ? theme.failure()
                          : d.look.encrypted                ? theme.protocol(ProtocolColor::Tls)
                                                            : theme.protocol(d.look.protocol);
        draw->AddLine(nearest_on(r, d.at), d.at, col, canvas.line);  // which packet it names
        draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), fill,
                            3.0f * canvas.line);
        draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), col, 3.0f * canvas.line, 0,
                      1.5f * canvas.line);
        draw->AddText(ImVec2(r.x + pad, r.y + pad * 0.5f), text, d.look.label.c_str());
    }

    const ImVec2 mouse = ImGui::GetMousePos();
    for (std::size_t k = drawn.size(); k-- > 0;) {
        const Drawn& d = drawn[k];
        if (std::fabs(mouse.x - d.at.x) <= d.half.x && std::fabs(mouse.y - d.at.y) <= d.half.y)
            return d.event;
    }
    return std::nullopt;
}

}  // namespace maillab::viz
