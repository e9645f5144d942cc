#include "viz/panels/topology_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <map>
#include <string>

#include "viz/model/label_placement.hpp"
#include "viz/model/sniffer_layout.hpp"
#include "viz/model/topology_layout.hpp"
#include "viz/panels/fitted_text.hpp"
#include "viz/panels/packet_drawing.hpp"

namespace maillab::viz {

namespace {

ImU32 with_alpha(ImU32 color, int alpha) {
    return (color & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

void draw_icon(ImDrawList* draw, const std::string& role, ImVec2 c, float s, ImU32 col,
               float line) {
    if (role == "server") {
        for (int i = 0; i < 3; ++i) {
            const float y = c.y - s + static_cast<float>(i) * s * 0.7f;
            draw->AddRect(ImVec2(c.x - s * 0.7f, y), ImVec2(c.x + s * 0.7f, y + s * 0.55f), col,
                          2.0f, 0, 1.5f * line);
            draw->AddCircleFilled(ImVec2(c.x + s * 0.45f, y + s * 0.27f), s * 0.08f, col);
        }
    } else if (role == "router") {
        draw->AddCircle(c, s * 0.8f, col, 24, 1.5f * line);
        draw->AddLine(ImVec2(c.x - s * 0.5f, c.y), ImVec2(c.x + s * 0.5f, c.y), col, 1.5f * line);
        draw->AddLine(ImVec2(c.x, c.y - s * 0.5f), ImVec2(c.x, c.y + s * 0.5f), col, 1.5f * line);
    } else if (role == "dns") {
        draw->AddRect(ImVec2(c.x - s * 0.7f, c.y - s * 0.8f),
                      ImVec2(c.x + s * 0.7f, c.y + s * 0.8f), col, 2.0f, 0, 1.5f * line);
        for (int i = 0; i < 3; ++i) {
            const float y = c.y - s * 0.4f + static_cast<float>(i) * s * 0.4f;
            draw->AddLine(ImVec2(c.x - s * 0.45f, y), ImVec2(c.x + s * 0.45f, y), col, line);
        }
    } else if (role == "phone") {
        draw->AddRect(ImVec2(c.x - s * 0.45f, c.y - s * 0.85f),
                      ImVec2(c.x + s * 0.45f, c.y + s * 0.85f), col, 3.0f, 0, 1.5f * line);
        draw->AddLine(ImVec2(c.x - s * 0.15f, c.y + s * 0.6f),
                      ImVec2(c.x + s * 0.15f, c.y + s * 0.6f), col, 1.5f * line);
    } else {  // device or real client: a laptop
        draw->AddRect(ImVec2(c.x - s * 0.7f, c.y - s * 0.7f),
                      ImVec2(c.x + s * 0.7f, c.y + s * 0.3f), col, 2.0f, 0, 1.5f * line);
        draw->AddLine(ImVec2(c.x - s * 0.95f, c.y + s * 0.55f),
                      ImVec2(c.x + s * 0.95f, c.y + s * 0.55f), col, 2.5f * line);
    }
}

// An eye: what a sniffer does is look.
void draw_eye(ImDrawList* draw, ImVec2 c, float s, ImU32 col, float line) {
    const ImVec2 l(c.x - s, c.y), r(c.x + s, c.y);
    draw->AddBezierQuadratic(l, ImVec2(c.x, c.y - s * 1.1f), r, col, 1.5f * line);
    draw->AddBezierQuadratic(l, ImVec2(c.x, c.y + s * 1.1f), r, col, 1.5f * line);
    draw->AddCircleFilled(c, s * 0.32f, col);
}

// The classroom switch: a box with a row of ports, every student plugged in.
template <typename At>
void draw_switch(ImDrawList* draw, const NodePlan& n, At at, float line_height, float em, ImU32 col,
                 float line) {
    const ImVec2 lo = at(Point{n.box.x, n.box.y}), hi = at(Point{n.box.right(), n.box.bottom()});
    draw->AddRectFilled(lo, hi, ImGui::GetColorU32(ImGuiCol_FrameBg), 6.0f * line);
    draw->AddRect(lo, hi, col, 6.0f * line, 0, 1.5f * line);
    const ImVec2 c(lo.x + em * 1.2f, lo.y + em * 1.4f);
    draw->AddRect(ImVec2(c.x - em * 0.8f, c.y - em * 0.35f),
                  ImVec2(c.x + em * 0.8f, c.y + em * 0.35f), col, 2.0f, 0, 1.5f * line);
    for (int i = 0; i < 4; ++i) {
        const float x = c.x - em * 0.55f + static_cast<float>(i) * em * 0.37f;
        draw->AddRectFilled(ImVec2(x - em * 0.1f, c.y - em * 0.1f),
                            ImVec2(x + em * 0.1f, c.y + em * 0.1f), col);
    }
    ImVec2 t = at(n.text_at);
    for (const std::string& name_line : n.name_lines) {
        draw->AddText(t, col, name_line.c_str());
        t.y += line_height;
    }
}

std::vector<std::pair<sim::HostId, sim::HostId>> active_sniffers(const GuiModel& model) {
    std::vector<std::pair<sim::HostId, sim::HostId>> out;
    for (const SnifferCapture& sniffer : model.sniffers()) {
        const auto ends = sniffer.hosts();
        if (ends && sniffer.active(model.playback().cursor())) out.push_back(*ends);
    }
    return out;
}

}  // namespace

void TopologyPanel::draw(const FrameContext& frame, GuiModel& model) {
    const sim::WorldState& world = model.now();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float em = ImGui::GetFontSize();
    const float line = frame.scale;  // line widths follow the one scale factor
    // A small window scrolls the canvas instead of letting boxes overlap.
    TopologyPlan plan =
        plan_topology(world, std::max(avail.x, 1.0f), std::max(avail.y, 1.0f), em,
                      imgui_text_measure(), {}, &model.display_names(), model.student_labels());
    const std::vector<SnifferPlan> sniffers =
        place_sniffers(plan, active_sniffers(model), em, imgui_text_measure());
    ImGui::BeginChild("##topology_canvas", ImVec2(0, 0), false,
                      ImGuiWindowFlags_HorizontalScrollbar);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##topology", ImVec2(plan.width, plan.height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    auto at = [&](Point p) { return ImVec2(origin.x + p.x, origin.y + p.y); };
    std::map<sim::HostId, ImVec2> pos;
    for (const NodePlan& n : plan.nodes)
        pos[n.host] = at(plan.centre(n.host));
    const Theme& theme = frame.theme;
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);

    // In a class, students are linked through the switch, not each to the server.
    for (const auto& [a, b] : plan.class_links)
        draw->AddLine(at(a), at(b), with_alpha(theme.text_muted(), 110), 1.5f * line);
    auto in_class = [&](sim::HostId h) {
        const NodePlan* n = plan.find(h);
        return n != nullptr && n->kind == NodeKind::Student;
    };
    for (const auto& link : world.links) {
        if (pos.count(link.a) == 0 || pos.count(link.b) == 0) continue;
        if (in_class(link.a) || in_class(link.b)) continue;
        const ImVec2 a = pos[link.a], b = pos[link.b];
        if (link.up) {
            draw->AddLine(a, b, with_alpha(theme.text_muted(), 160), 2.0f * line);
        } else {
            // The cross sits in the middle of the part of the link that is seen.
            const NodePlan& na = *plan.find(link.a);
            const NodePlan& nb = *plan.find(link.b);
            const Point ea = leave_box(na.box, plan.centre(link.b));
            const Point eb = leave_box(nb.box, plan.centre(link.a));
            const ImVec2 mid = at({(ea.x + eb.x) * 0.5f, (ea.y + eb.y) * 0.5f});
            for (float f = 0; f < 1.0f; f += 0.08f) {
                draw->AddLine(
                    ImVec2(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f),
                    ImVec2(a.x + (b.x - a.x) * (f + 0.04f), a.y + (b.y - a.y) * (f + 0.04f)),
                    theme.failure(), 2.0f * line);
            }
            draw_cross(draw, mid, em * 0.45f, theme.failure(), 2.5f * line);
        }
    }

    const ImU32 eavesdropper = theme.failure();
    bool sniffer_hovered = false;
    for (const SnifferPlan& s : sniffers) {
        const ImVec2 lo = at({s.box.x, s.box.y}), hi = at({s.box.right(), s.box.bottom()});
        const ImVec2 tap = at(s.tap);
        // The tap on the link, and the line to it when the box had to move aside.
        draw->AddLine(ImVec2((lo.x + hi.x) * 0.5f, (lo.y + hi.y) * 0.5f), tap, eavesdropper,
                      1.5f * line);
        draw->AddCircleFilled(tap, em * 0.22f, eavesdropper);
        draw->AddRectFilled(lo, hi, ImGui::GetColorU32(ImGuiCol_WindowBg), 4.0f * line);
        draw->AddRect(lo, hi, eavesdropper, 4.0f * line, 0, 2.0f * line);
        draw_eye(draw, ImVec2(lo.x + kSnifferIconEm * em * 0.5f, (lo.y + hi.y) * 0.5f), em * 0.6f,
                 eavesdropper, line);
        draw->AddText(at(s.text_at), eavesdropper, s.label.c_str());
        sniffer_hovered |= ImGui::IsMouseHoveringRect(lo, hi);
    }

    const std::string* hovered_name = nullptr;
    for (const NodePlan& n : plan.nodes) {
        if (n.kind == NodeKind::ClassroomSwitch) {
            draw_switch(draw, n, at, plan.line_height, em, text, line);
            continue;
        }
        const sim::HostState& host = world.hosts.at(n.host);
        const ImVec2 lo = at({n.box.x, n.box.y});
        const ImVec2 hi = at({n.box.right(), n.box.bottom()});
        const ImU32 frame_col = n.alarm   ? theme.failure()
                                : host.up ? with_alpha(text, 200)
                                          : theme.text_muted();
        // Opaque, so links drawn underneath never cross the labels.
        ImVec4 fill = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
        const ImVec4 tint = ImGui::GetStyleColorVec4(ImGuiCol_FrameBg);
        fill = ImVec4(fill.x + (tint.x - fill.x) * tint.w, fill.y + (tint.y - fill.y) * tint.w,
                      fill.z + (tint.z - fill.z) * tint.w, 1.0f);
        draw->AddRectFilled(lo, hi, ImGui::GetColorU32(fill), 6.0f * line);
        draw->AddRect(lo, hi, frame_col, 6.0f * line, 0, (n.alarm ? 2.5f : 1.5f) * line);
        if (n.kind == NodeKind::Host) {  // a student's compact box has no room for one
            const std::string icon = model.is_phone(host.name) ? "phone" : host.role;
            draw_icon(draw, icon, ImVec2(lo.x + em * 1.2f, lo.y + em * 1.4f), em * 0.8f,
                      host.up ? text : theme.text_muted(), line);
        }
        ImVec2 t = at(n.text_at);
        for (const std::string& name_line : n.name_lines) {
            draw->AddText(t, host.up ? text : theme.text_muted(), name_line.c_str());
            t.y += plan.line_height;
        }
        if (n.name_cut && ImGui::IsMouseHoveringRect(lo, hi)) hovered_name = &n.full_name;
        if (n.kind == NodeKind::Host)
            draw->AddText(t, theme.text_muted(), n.address.c_str());
        else
            t.y -= plan.line_height;  // a student's box: no address line
        for (const auto& ports : n.port_lines) {
            t.y += plan.line_height;
            float px = t.x;
            for (const std::uint16_t port : ports) {
                const std::string label = std::to_string(port);
                draw->AddText(ImVec2(px, t.y), theme.protocol(protocol_for_port(port)),
                              label.c_str());
                px += ImGui::CalcTextSize(label.c_str()).x + plan.port_gap;
            }
        }
        if (!n.status.empty()) {
            t.y += plan.line_height;
            draw->AddText(t, n.alarm ? theme.failure() : theme.text_muted(), n.status.c_str());
        }
    }
    if (hovered_name != nullptr && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", hovered_name->c_str());
    if (sniffer_hovered && ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s",
                          "A sniffer on this link records every byte that passes.\n"
                          "Click: \"What the wire shows\" lists what it captured.");
        if (ImGui::IsItemClicked()) {
            model.selected_event.reset();
            model.selected_connection.reset();
        }
    }

    PacketCanvas canvas{draw, origin, &plan, &theme, line, {}};
    for (const SnifferPlan& s : sniffers)
        canvas.keep_clear.push_back(s.box);
    const auto under_mouse = draw_packets(canvas, model);
    if (under_mouse && ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s", "Click to inspect this packet");
        if (ImGui::IsItemClicked()) {
            model.selected_event = *under_mouse;
            model.selected_connection.reset();
        }
    }
    ImGui::EndChild();
}

}  // namespace maillab::viz
