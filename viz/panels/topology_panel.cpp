#include "viz/panels/topology_panel.hpp"

#include <imgui.h>

#include <cstdio>
#include <string>

#include "sim/export/text_layout.hpp"
#include "viz/model/topology_layout.hpp"

namespace maillab::viz {

namespace {

constexpr float kHostWidthEm = 11.0f;
constexpr float kHostHeightEm = 3.6f;
constexpr std::size_t kEnvelopeLabelChars = 22;

std::string dotted(std::uint32_t ip) {
    char buf[20];
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xFF, (ip >> 8) & 0xFF,
                  ip & 0xFF);
    return buf;
}

ImU32 with_alpha(ImU32 color, int alpha) {
    return (color & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

void draw_icon(ImDrawList* draw, const std::string& role, ImVec2 c, float s, ImU32 col) {
    if (role == "server") {
        for (int i = 0; i < 3; ++i) {
            const float y = c.y - s + static_cast<float>(i) * s * 0.7f;
            draw->AddRect(ImVec2(c.x - s * 0.7f, y), ImVec2(c.x + s * 0.7f, y + s * 0.55f), col,
                          2.0f, 0, 1.5f);
            draw->AddCircleFilled(ImVec2(c.x + s * 0.45f, y + s * 0.27f), s * 0.08f, col);
        }
    } else if (role == "router") {
        draw->AddCircle(c, s * 0.8f, col, 24, 1.5f);
        draw->AddLine(ImVec2(c.x - s * 0.5f, c.y), ImVec2(c.x + s * 0.5f, c.y), col, 1.5f);
        draw->AddLine(ImVec2(c.x, c.y - s * 0.5f), ImVec2(c.x, c.y + s * 0.5f), col, 1.5f);
    } else if (role == "dns") {
        draw->AddRect(ImVec2(c.x - s * 0.7f, c.y - s * 0.8f),
                      ImVec2(c.x + s * 0.7f, c.y + s * 0.8f), col, 2.0f, 0, 1.5f);
        for (int i = 0; i < 3; ++i) {
            const float y = c.y - s * 0.4f + static_cast<float>(i) * s * 0.4f;
            draw->AddLine(ImVec2(c.x - s * 0.45f, y), ImVec2(c.x + s * 0.45f, y), col, 1.0f);
        }
    } else {  // device or real client: a laptop
        draw->AddRect(ImVec2(c.x - s * 0.7f, c.y - s * 0.7f),
                      ImVec2(c.x + s * 0.7f, c.y + s * 0.3f), col, 2.0f, 0, 1.5f);
        draw->AddLine(ImVec2(c.x - s * 0.95f, c.y + s * 0.55f),
                      ImVec2(c.x + s * 0.95f, c.y + s * 0.55f), col, 2.5f);
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
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 size = ImGui::GetContentRegionAvail();
    if (size.x < 50 || size.y < 50) return;
    ImGui::InvisibleButton("##topology", size);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);

    const float em = ImGui::GetFontSize();
    const ImVec2 box{kHostWidthEm * em, kHostHeightEm * em};
    const auto unit = layout_hosts(world);
    std::map<sim::HostId, ImVec2> pos;
    for (const auto& [id, p] : unit) {
        pos[id] = ImVec2(origin.x + box.x * 0.5f + p.x * (size.x - box.x),
                         origin.y + box.y * 0.5f + p.y * (size.y - box.y));
    }
    const Theme& theme = frame.theme;
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);

    for (const auto& link : world.links) {
        if (pos.count(link.a) == 0 || pos.count(link.b) == 0) continue;
        const ImVec2 a = pos[link.a], b = pos[link.b];
        if (link.up) {
            draw->AddLine(a, b, with_alpha(theme.text_muted(), 160), 2.0f);
        } else {
            const ImVec2 mid{(a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f};
            for (float f = 0; f < 1.0f; f += 0.08f) {
                draw->AddLine(
                    ImVec2(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f),
                    ImVec2(a.x + (b.x - a.x) * (f + 0.04f), a.y + (b.y - a.y) * (f + 0.04f)),
                    theme.failure(), 2.0f);
            }
            draw->AddText(ImVec2(mid.x - em * 1.2f, mid.y - em), theme.failure(), "down");
        }
    }

    for (const auto& [id, host] : world.hosts) {
        const ImVec2 c = pos[id];
        const ImVec2 lo{c.x - box.x * 0.5f, c.y - box.y * 0.5f};
        const ImVec2 hi{c.x + box.x * 0.5f, c.y + box.y * 0.5f};
        const ImU32 frame_col = host.up ? with_alpha(text, 200) : theme.failure();
        // Opaque, so links drawn underneath never cross the labels.
        ImVec4 fill = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
        const ImVec4 tint = ImGui::GetStyleColorVec4(ImGuiCol_FrameBg);
        fill = ImVec4(fill.x + (tint.x - fill.x) * tint.w, fill.y + (tint.y - fill.y) * tint.w,
                      fill.z + (tint.z - fill.z) * tint.w, 1.0f);
        draw->AddRectFilled(lo, hi, ImGui::GetColorU32(fill), 6.0f);
        draw->AddRect(lo, hi, frame_col, 6.0f, 0, host.up ? 1.5f : 2.5f);
        draw_icon(draw, host.role, ImVec2(lo.x + em * 1.3f, c.y), em * 0.8f,
                  host.up ? text : theme.text_muted());
        const float tx = lo.x + em * 2.6f;
        draw->AddText(ImVec2(tx, lo.y + em * 0.25f), host.up ? text : theme.text_muted(),
                      sim::fit(host.name, 18).c_str());
        draw->AddText(ImVec2(tx, lo.y + em * 1.3f), theme.text_muted(), dotted(host.ipv4).c_str());
        float px = tx;
        for (const std::uint16_t port : host.listening) {
            const std::string label = std::to_string(port);
            draw->AddText(ImVec2(px, lo.y + em * 2.35f), theme.protocol(protocol_for_port(port)),
                          label.c_str());
            px += ImGui::CalcTextSize(label.c_str()).x + em * 0.4f;
            if (px > hi.x - em) break;
        }
        if (!host.up)
            draw->AddText(ImVec2(lo.x + em * 0.3f, hi.y + em * 0.15f), theme.failure(), "offline");
    }

    const sim::Trace& trace = model.trace();
    for (const auto& packet : model.in_flight()) {
        if (pos.count(packet.from) == 0 || pos.count(packet.to) == 0) continue;
        std::vector<Point> line;
        for (const sim::HostId h : path_between(world, packet.from, packet.to)) {
            if (pos.count(h) != 0) line.push_back({pos[h].x, pos[h].y});
        }
        const Point p = along(line, packet.progress);
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
    draw->PopClipRect();
}

}  // namespace maillab::viz
