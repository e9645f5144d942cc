#include "viz/panels/timeline_panel.hpp"

#include <imgui.h>

#include <cstdio>
#include <string>

#include "sim/export/duration_text.hpp"
#include "viz/panels/fitted_text.hpp"

namespace maillab::viz {

void TimelinePanel::draw(const FrameContext& frame, GuiModel& model) {
    (void)frame;
    Playback& p = model.playback();
    const std::size_t total = model.trace().size();

    if (ImGui::Button("|<")) p.home();
    ImGui::SameLine();
    if (ImGui::Button("<< step")) p.previous_lesson_step();
    ImGui::SameLine();
    if (ImGui::Button("<")) p.step_back();
    ImGui::SameLine();
    if (ImGui::Button(p.playing() ? "Pause" : "Play", ImVec2(ImGui::GetFontSize() * 4, 0))) {
        p.toggle();
    }
    ImGui::SameLine();
    if (ImGui::Button(">")) p.step_forward();
    ImGui::SameLine();
    if (ImGui::Button("step >>")) p.next_lesson_step();
    ImGui::SameLine();
    if (ImGui::Button(">|")) p.end();

    // Where the playhead is: after the buttons when it fits there, else
    // written on the slider, so the row of buttons fits a narrow window.
    const std::string when = "t = " + sim::duration_text(p.time()) + "    event " +
                             std::to_string(p.cursor()) + " / " + std::to_string(total);
    ImGui::SameLine(0.0f, ImGui::GetStyle().ItemSpacing.x * 3);
    const bool beside = ImGui::GetContentRegionAvail().x >= imgui_text_width(when);
    if (beside)
        ImGui::TextUnformatted(when.c_str());
    else
        ImGui::NewLine();

    // The speed sits before the slider, so the first row stays short.
    if (ImGui::Button("-")) p.slower();
    ImGui::SameLine();
    char speed[32];
    std::snprintf(speed, sizeof speed, "%gx", p.speed());
    ImGui::TextUnformatted(speed);
    ImGui::SameLine();
    if (ImGui::Button("+")) p.faster();
    ImGui::SameLine();
    int cursor = static_cast<int>(p.cursor());
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::SliderInt("##seek", &cursor, 0, static_cast<int>(total),
                         beside ? "" : when.c_str())) {
        p.pause();
        p.seek_event(static_cast<std::size_t>(cursor));
    }
}

}  // namespace maillab::viz
