#include "viz/panels/legend_panel.hpp"

#include <imgui.h>

namespace maillab::viz {

namespace {

struct LegendEntry {
    ProtocolColor color;
    const char* label;
};

constexpr LegendEntry kEntries[] = {
    {ProtocolColor::Tcp, "TCP"},
    {ProtocolColor::Dns, "DNS"},
    {ProtocolColor::Smtp, "SMTP"},
    {ProtocolColor::Pop3, "POP3"},
    {ProtocolColor::Imap, "IMAP"},
    {ProtocolColor::Tls, "TLS"},
    {ProtocolColor::Store, "Mailbox"},
    {ProtocolColor::Queue, "Queue"},
    {ProtocolColor::Device, "Device copy"},
};

}  // namespace

void draw_legend(const FrameContext& frame) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float box = ImGui::GetTextLineHeight() * 0.8f;
    for (const auto& entry : kEntries) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float pad = (ImGui::GetTextLineHeight() - box) * 0.5f;
        draw->AddRectFilled(ImVec2(p.x, p.y + pad), ImVec2(p.x + box, p.y + pad + box),
                            frame.theme.protocol(entry.color), 2.0f);
        ImGui::Dummy(ImVec2(box, box));
        ImGui::SameLine();
        ImGui::TextUnformatted(entry.label);
        ImGui::SameLine(0.0f, ImGui::GetStyle().ItemSpacing.x * 3);
    }
    ImGui::NewLine();
}

}  // namespace maillab::viz
