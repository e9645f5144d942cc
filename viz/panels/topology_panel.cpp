#include "viz/panels/topology_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <map>
#include <string>

#include "sim/export/text_layout.hpp"
#include "viz/model/topology_layout.hpp"
#include "viz/panels/fitted_text.hpp"

namespace maillab::viz {

namespace {

constexpr std::size_t kEnvelopeLabelChars = 22;

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
    } else {  // device or real client: a laptop
        draw->AddRect(ImVec2(c.x - s * 0.7f, c.y - s * 0.7f),
                      ImVec2(c.x + s * 0.7f, c.y + s * 0.3f), col, 2.0f, 0, 1.5f * line);
        draw->AddLine(ImVec2(c.x - s * 0.95f, c.y + s * 0.55f),
                      ImVec2(c.x + s * 0.95f, c.y + s * 0.55f), col, 2.5f * line);
    }
}

void draw_padlock(ImDrawList* draw, ImVec2 c, float s, ImU32 col) {
    draw->AddRectFilled(ImVec2(c.x - s, c.y - s * 0.2f), ImVec2(c.x + s, c.y + s), col, 1.5f);
    draw->PathArcTo(ImVec2(c.x, c.y - s * 0.2f), s * 0.65f, 3.14159f, 6.28318f, 10);
    draw->PathStroke(col, 0, 1.5f);
}

std::string envelope_label(const sim::Trace& trace, const sim::Event& e) {
    switch (e.kind) {
        case sim::EventKind::TcpSyn:
            return "SYN";
        case sim::EventKind::TcpSynAck:
            return "SYN-ACK";
        case sim::EventKind::TcpAck:
            return "ACK";
        case sim::EventKind::TcpFin:
            return "FIN";
        case sim::EventKind::TcpRst:
            return "RST";
        case sim::EventKind::TcpSegmentLost:
            return "lost";
        case sim::EventKind::DnsQuery:
            return "DNS?";
        case sim::EventKind::DnsAnswer:
            return "DNS";
        default:
            break;
    }
    std::string_view payload = trace.payload(e);
    payload = payload.substr(0, payload.find('\n'));
    return sim::fit(sim::printable(payload), kEnvelopeLabelChars);
}

}  // namespace

void TopologyPanel::draw(const FrameContext& frame, GuiModel& model) {
    const sim::WorldState& world = model.now();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float em = ImGui::GetFontSize();
    const float line = frame.scale;  // line widths follow the one scale factor
    // A small window scrolls the canvas instead of letting boxes overlap.
    const TopologyPlan plan = plan_topology(world, std::max(avail.x, 1.0f), std::max(avail.y, 1.0f),
                                            em, imgui_text_measure());
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

    for (const auto& link : world.links) {
        if (pos.count(link.a) == 0 || pos.count(link.b) == 0) continue;
        const ImVec2 a = pos[link.a], b = pos[link.b];
        if (link.up) {
            draw->AddLine(a, b, with_alpha(theme.text_muted(), 160), 2.0f * line);
        } else {
            const ImVec2 mid{(a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f};
            for (float f = 0; f < 1.0f; f += 0.08f) {
                draw->AddLine(
                    ImVec2(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f),
                    ImVec2(a.x + (b.x - a.x) * (f + 0.04f), a.y + (b.y - a.y) * (f + 0.04f)),
                    theme.failure(), 2.0f * line);
            }
            draw->AddText(ImVec2(mid.x - em * 1.2f, mid.y - em), theme.failure(), "down");
        }
    }

    const std::string* hovered_name = nullptr;
    for (const NodePlan& n : plan.nodes) {
        const sim::HostState& host = world.hosts.at(n.host);
        const ImVec2 lo = at({n.box.x, n.box.y});
        const ImVec2 hi = at({n.box.right(), n.box.bottom()});
        const ImU32 frame_col = host.up ? with_alpha(text, 200) : theme.failure();
        // Opaque, so links drawn underneath never cross the labels.
        ImVec4 fill = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
        const ImVec4 tint = ImGui::GetStyleColorVec4(ImGuiCol_FrameBg);
        fill = ImVec4(fill.x + (tint.x - fill.x) * tint.w, fill.y + (tint.y - fill.y) * tint.w,
                      fill.z + (tint.z - fill.z) * tint.w, 1.0f);
        draw->AddRectFilled(lo, hi, ImGui::GetColorU32(fill), 6.0f * line);
        draw->AddRect(lo, hi, frame_col, 6.0f * line, 0, (host.up ? 1.5f : 2.5f) * line);
        draw_icon(draw, host.role, ImVec2(lo.x + em * 1.2f, lo.y + em * 1.4f), em * 0.8f,
                  host.up ? text : theme.text_muted(), line);
        ImVec2 t = at(n.text_at);
        draw->AddText(t, host.up ? text : theme.text_muted(), n.name.c_str());
        if (n.name_cut && ImGui::IsMouseHoveringRect(lo, hi)) hovered_name = &host.name;
        t.y += plan.line_height;
        draw->AddText(t, theme.text_muted(), n.address.c_str());
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
            draw->AddText(t, theme.failure(), n.status.c_str());
        }
    }
    if (hovered_name != nullptr && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", hovered_name->c_str());

    const sim::Trace& trace = model.trace();
    for (const auto& packet : model.in_flight()) {
        if (pos.count(packet.from) == 0 || pos.count(packet.to) == 0) continue;
        std::vector<Point> route;
        for (const sim::HostId h : path_between(world, packet.from, packet.to)) {
            if (pos.count(h) != 0) route.push_back({pos[h].x, pos[h].y});
        }
        const Point p = along(route, packet.progress);
        const sim::Event& e = trace[packet.event];
        const auto conn = world.connections.find(e.conn);
        const std::uint16_t port = conn != world.connections.end() ? conn->second.server_port : 53;
        const ImU32 col = theme.protocol(packet.kind == PacketKind::Dns ? ProtocolColor::Dns
                                                                        : protocol_for_port(port));
        const std::string label =
            packet.kind == PacketKind::Tls ? "encrypted" : envelope_label(trace, e);
        const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
        switch (packet.kind) {
            case PacketKind::Handshake:
            case PacketKind::Control:
                draw->AddTriangleFilled(ImVec2(p.x - em * 0.4f, p.y - em * 0.35f),
                                        ImVec2(p.x + em * 0.4f, p.y),
                                        ImVec2(p.x - em * 0.4f, p.y + em * 0.35f), col);
                draw->AddText(ImVec2(p.x + em * 0.5f, p.y - em * 0.5f), col, label.c_str());
                break;
            case PacketKind::Lost: {
                const float fall = packet.progress * em * 4.0f;
                draw->AddText(ImVec2(p.x, p.y + fall), theme.failure(), "✗ lost");
                break;
            }
            default: {
                const ImVec2 lo{p.x - ts.x * 0.5f - em * 0.4f, p.y - em * 0.7f};
                const ImVec2 hi{p.x + ts.x * 0.5f + em * 0.4f, p.y + em * 0.7f};
                draw->AddRectFilled(lo, hi, with_alpha(col, 235), 3.0f);
                draw->AddLine(lo, ImVec2(p.x, p.y), with_alpha(IM_COL32_BLACK, 90), 1.0f);
                draw->AddLine(ImVec2(hi.x, lo.y), ImVec2(p.x, p.y), with_alpha(IM_COL32_BLACK, 90),
                              1.0f);
                draw->AddText(ImVec2(p.x - ts.x * 0.5f, p.y - ts.y * 0.5f), IM_COL32_BLACK,
                              label.c_str());
                if (packet.kind == PacketKind::Tls) {
                    draw_padlock(draw, ImVec2(hi.x + em * 0.5f, p.y), em * 0.35f,
                                 theme.protocol(ProtocolColor::Tls));
                }
            }
        }
    }
    ImGui::EndChild();
}

}  // namespace maillab::viz
