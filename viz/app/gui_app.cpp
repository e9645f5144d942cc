#include "viz/app/gui_app.hpp"

#include <imgui.h>

#include <memory>
#include <optional>
#include <vector>

#include "viz/app/window.hpp"
#include "viz/model/gui_model.hpp"
#include "viz/panels/controls_menu.hpp"
#include "viz/panels/inspector_panel.hpp"
#include "viz/panels/legend_panel.hpp"
#include "viz/panels/lesson_panel.hpp"
#include "viz/panels/sequence_panel.hpp"
#include "viz/panels/state_panel.hpp"
#include "viz/panels/timeline_panel.hpp"
#include "viz/panels/topology_panel.hpp"

namespace maillab::viz {

namespace {

// Panel rectangles as fractions of the viewport (x, y, w, h), used the first
// time; after that ImGui remembers where the user put them.
struct Placement {
    float x, y, w, h;
};
constexpr float kHeaderEm = 3.2f;
constexpr float kTimelineEm = 4.2f;
constexpr Placement kTopology{0.0f, 0.0f, 0.5f, 0.55f};
constexpr Placement kSequence{0.5f, 0.0f, 0.5f, 0.55f};
constexpr Placement kLesson{0.0f, 0.55f, 0.27f, 0.45f};
constexpr Placement kState{0.27f, 0.55f, 0.5f, 0.45f};
constexpr Placement kInspector{0.77f, 0.55f, 0.23f, 0.45f};

void handle_keys(Playback& p) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space))) p.toggle();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) p.step_forward();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) p.step_back();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home))) p.home();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End))) p.end();
    for (const ImWchar c : io.InputQueueCharacters) {
        if (c == '+' || c == '=') p.faster();
        if (c == '-' || c == '_') p.slower();
    }
}

void place(const char* title, const Placement& at, float header, float footer) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float h = vp->WorkSize.y - header - footer;
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + at.x * vp->WorkSize.x, vp->WorkPos.y + header + at.y * h),
        ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(at.w * vp->WorkSize.x, at.h * h), ImGuiCond_FirstUseEver);
    (void)title;
}

}  // namespace

int run_gui_app(const GuiOptions& options, const GuiContent& content) {
    GuiModel model{*content.trace};
    if (content.start_at_event) model.playback().seek_event(*content.start_at_event);
    if (content.start_playing) model.playback().play();
    TopologyPanel topology;
    SequencePanel sequence;
    StatePanel state;
    InspectorPanel inspector;
    LessonPanel lesson;
    TimelinePanel timeline;
    std::optional<ControlsMenu> controls;
    if (content.controls != nullptr) controls.emplace(*content.controls);
    const std::vector<std::pair<Panel*, Placement>> panels{{&topology, kTopology},
                                                           {&sequence, kSequence},
                                                           {&lesson, kLesson},
                                                           {&state, kState},
                                                           {&inspector, kInspector}};

    return run_window(options, [&](const FrameContext& frame) {
        handle_keys(model.playback());
        if (content.live) {
            const bool following = model.playback().at_end();
            const sim::SimTime now = content.live();
            if (following) model.playback().seek_time(now);
        } else {
            model.playback().advance(frame.delta_seconds);
        }
        model.refresh();

        const float em = ImGui::GetFontSize();
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings;
        ImGui::SetNextWindowPos(vp->WorkPos);
        ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, kHeaderEm * em));
        ImGui::Begin("##header", nullptr, fixed);
        ImGui::PushFont(frame.fonts.heading);
        ImGui::TextUnformatted(content.title.c_str());
        ImGui::PopFont();
        if (controls) {
            ImGui::SameLine(vp->WorkSize.x - em * 12.0f);
            controls->draw(model);
        }
        draw_legend(frame);
        ImGui::End();

        for (const auto& [panel, at] : panels) {
            place(panel->title(), at, kHeaderEm * em, kTimelineEm * em);
            ImGui::Begin(panel->title());
            panel->draw(frame, model);
            ImGui::End();
        }

        ImGui::SetNextWindowPos(
            ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - kTimelineEm * em));
        ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, kTimelineEm * em));
        ImGui::Begin("##timeline", nullptr, fixed);
        timeline.draw(frame, model);
        ImGui::End();
    });
}

}  // namespace maillab::viz
