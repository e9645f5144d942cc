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
// The swatch is this share of a line's height; entries are this many item spacings apart.
constexpr float kSwatchShare = 0.8f;
constexpr float kEntrySpacings = 3.0f;

float entry_width(const LegendEntry& entry) {
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::GetTextLineHeight() * kSwatchShare + style.ItemSpacing.x +
           ImGui::CalcTextSize(entry.label).x;
}

float entry_gap() {
    return ImGui::GetStyle().ItemSpacing.x * kEntrySpacings;
}

}  // namespace

int legend_lines(float width) {
    const float room = width - ImGui::GetStyle().WindowPadding.x * 2;
    int lines = 1;
    float x = 0;
    for (const auto& entry : kEntries) {
        const float w = entry_width(entry);
        if (x > 0 && x + w > room) {
            ++lines;
            x = 0;
        }
        x += w + entry_gap();
    }
    return lines;
}

float legend_height(int lines) {
    const ImGuiStyle& style = ImGui::GetStyle();
    return static_cast<float>(lines) * ImGui::GetTextLineHeightWithSpacing() - style.ItemSpacing.y +
           style.WindowPadding.y * 2;
}

void draw_legend(const FrameContext& frame) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float box = ImGui::GetTextLineHeight() * kSwatchShare;
    const float right = ImGui::GetWindowContentRegionMax().x;
    bool first = true;
    for (const auto& entry : kEntries) {
        if (!first) {
            ImGui::SameLine(0.0f, entry_gap());
            if (ImGui::GetCursorPosX() + entry_width(entry) > right) ImGui::NewLine();
        }
        first = false;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float pad = (ImGui::GetTextLineHeight() - box) * 0.5f;
        draw->AddRectFilled(ImVec2(p.x, p.y + pad), ImVec2(p.x + box, p.y + pad + box),
                            frame.theme.protocol(entry.color), 2.0f * frame.scale);
        ImGui::Dummy(ImVec2(box, box));
        ImGui::SameLine();
        ImGui::TextUnformatted(entry.label);
    }
}

}  // namespace maillab::viz
