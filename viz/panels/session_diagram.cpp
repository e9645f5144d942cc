#include "viz/panels/session_diagram.hpp"

#include <imgui.h>

#include <string>

#include "viz/model/session_position.hpp"
#include "viz/panels/fitted_text.hpp"

namespace maillab::viz {

namespace {

// Sizes in ems of the current font.
constexpr float kBoxPadEm = 0.35f;
constexpr float kArrowGapEm = 1.2f;
constexpr float kRoundingEm = 0.25f;

}  // namespace

void draw_session_diagram(const FrameContext& frame, const GuiModel& model, sim::ConnId conn) {
    const sim::Trace& trace = model.trace();
    const SessionPosition at = session_position(trace, conn, model.playback().cursor());
    const ProtocolDiagram* diagram = diagram_for_port(at.port);
    if (diagram == nullptr) return;
    const std::size_t lit = node_of(*diagram, at.state);
    ImGui::Separator();
    ImGui::TextDisabled("Where this %.*s session is now",
                        static_cast<int>(diagram->protocol.size()), diagram->protocol.data());

    const float em = ImGui::GetFontSize();
    const float pad = kBoxPadEm * em;
    const float gap = kArrowGapEm * em;
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    const ImU32 colour = frame.theme.protocol(protocol_for_port(at.port));
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (std::size_t k = 0; k < diagram->nodes.size(); ++k) {
        const std::string label{diagram->nodes[k].label};
        const ImVec2 size{imgui_text_width(label) + pad * 2, ImGui::GetFrameHeight()};
        if (k > 0) {
            ImGui::SameLine(0.0f, gap);
            if (ImGui::GetCursorScreenPos().x + size.x > right) ImGui::NewLine();
        }
        const ImVec2 lo = ImGui::GetCursorScreenPos();
        const ImVec2 hi{lo.x + size.x, lo.y + size.y};
        if (k > 0 && lo.x - gap >= ImGui::GetWindowPos().x) {  // an arrow from the previous box
            const float y = lo.y + size.y * 0.5f;
            draw->AddLine(ImVec2(lo.x - gap * 0.8f, y), ImVec2(lo.x - gap * 0.25f, y),
                          frame.theme.text_muted(), frame.scale);
            draw->AddTriangleFilled(
                ImVec2(lo.x - gap * 0.1f, y), ImVec2(lo.x - gap * 0.3f, y - gap * 0.15f),
                ImVec2(lo.x - gap * 0.3f, y + gap * 0.15f), frame.theme.text_muted());
        }
        const bool here = k == lit;
        if (here) draw->AddRectFilled(lo, hi, colour, kRoundingEm * em);
        draw->AddRect(lo, hi, here ? colour : frame.theme.text_muted(), kRoundingEm * em, 0,
                      (here ? 2.0f : 1.0f) * frame.scale);
        draw->AddText(ImVec2(lo.x + pad, lo.y + (size.y - em) * 0.5f), here ? IM_COL32_BLACK : text,
                      label.c_str());
        ImGui::Dummy(size);
    }
    if (at.cause) {
        fitted_text("moved here by: " + std::string{trace.payload(trace[*at.cause])},
                    frame.theme.highlight());
    }
    if (at.change) {
        const std::string_view why = trace.note(trace[*at.change]);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(why.data(), why.data() + why.size());
        ImGui::PopTextWrapPos();
    }
}

}  // namespace maillab::viz
