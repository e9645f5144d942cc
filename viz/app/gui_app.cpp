#include "viz/app/gui_app.hpp"

#include <imgui.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "viz/app/window.hpp"
#include "viz/model/gui_model.hpp"
#include "viz/model/lesson_outline.hpp"
#include "viz/model/panel_layout.hpp"
#include "viz/panels/class_panel.hpp"
#include "viz/panels/controls_menu.hpp"
#include "viz/panels/fitted_text.hpp"
#include "viz/panels/inspector_panel.hpp"
#include "viz/panels/legend_panel.hpp"
#include "viz/panels/lesson_panel.hpp"
#include "viz/panels/prediction_panel.hpp"
#include "viz/panels/sequence_panel.hpp"
#include "viz/panels/state_panel.hpp"
#include "viz/panels/timeline_panel.hpp"
#include "viz/panels/topology_panel.hpp"
#include "viz/panels/view_menu.hpp"
#include "viz/panels/wire_panel.hpp"

namespace maillab::viz {

namespace {

// The timeline's height: two rows of controls.
constexpr float kTimelineEm = 4.2f;
// The first tab is forced open this many frames (the layout may change as the
// menu bar takes its height).
constexpr int kFramesToSettleTabs = 2;
// Above this many lines the legend would crowd a small window: it becomes a menu.
constexpr int kMaxLegendLines = 2;
constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

void handle_keys(Playback& p) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl) return;  // Ctrl+= and Ctrl+- are the presenter scale
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

void place(const Rect& r) {
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
}

// The window's state: the model and every panel, on the heap and shared with
// the frame function (in a browser the frames outlive run_gui_app).
class GuiApp {
public:
    explicit GuiApp(GuiContent content);
    GuiApp(const GuiApp&) = delete;
    GuiApp& operator=(const GuiApp&) = delete;

    void draw(const FrameContext& frame);

private:
    GuiContent content_;
    GuiModel model_;
    TopologyPanel topology_;
    SequencePanel sequence_;
    StatePanel state_;
    InspectorPanel inspector_;
    WirePanel wire_;
    LessonPanel lesson_;
    std::optional<ClassPanel> class_panel_;
    TimelinePanel timeline_;
    PredictionGate predictions_;
    std::optional<ControlsMenu> controls_;
    std::map<PanelId, Panel*> panels_;
    int frames_drawn_ = 0;
    bool tabs_settled_ = false;
};

GuiApp::GuiApp(GuiContent content)
    : content_(std::move(content)),
      model_(*content_.trace),
      lesson_(predicted_steps(content_.predictions)),
      predictions_(*content_.trace, content_.predictions) {
    for (const LinkSniffer& sniffer : content_.sniffers)
        model_.add_sniffer(sniffer);
    model_.set_class_table(content_.class_table);
    model_.set_phones(content_.phones);
    if (content_.start_at_event) model_.playback().seek_event(*content_.start_at_event);
    if (content_.start_playing) model_.playback().play();
    if (content_.inspect_event && *content_.inspect_event < content_.trace->size())
        model_.selected_event = content_.inspect_event;
    if (content_.class_table != nullptr) class_panel_.emplace(*content_.class_table);
    if (content_.controls != nullptr) controls_.emplace(*content_.controls);
    Panel* first_place = class_panel_ ? static_cast<Panel*>(&*class_panel_) : &lesson_;
    panels_ = {{PanelId::Network, &topology_},    {PanelId::Sequence, &sequence_},
               {PanelId::Lesson, first_place},    {PanelId::State, &state_},
               {PanelId::Inspector, &inspector_}, {PanelId::Wire, &wire_}};
}

void GuiApp::draw(const FrameContext& frame) {
    handle_keys(model_.playback());
    if (content_.live) {
        const bool following = model_.playback().at_end();
        const sim::SimTime now = content_.live();
        if (following) model_.playback().seek_time(now);
    } else {
        model_.playback().advance(frame.delta_seconds);
    }
    predictions_.update(model_.playback());
    model_.refresh();

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const int legend_rows = legend_lines(vp->WorkSize.x);
    const bool legend_strip = legend_rows <= kMaxLegendLines;
    if (ImGui::BeginMainMenuBar()) {
        draw_view_menu(frame);
        if (controls_) controls_->draw(model_);
        if (!legend_strip && ImGui::BeginMenu("Colours")) {
            draw_legend(frame);
            ImGui::EndMenu();
        }
        ImGui::Separator();
        fitted_text(content_.title);  // cut with "…" when narrow, whole on hover
        ImGui::EndMainMenuBar();
    }

    const float em = ImGui::GetFontSize();
    const Rect work{vp->WorkPos.x, vp->WorkPos.y, vp->WorkSize.x, vp->WorkSize.y};
    const float legend = legend_strip ? legend_height(legend_rows) : 0.0f;
    const float footer = kTimelineEm * em;
    if (legend_strip) {
        place({work.x, work.y, work.w, legend});
        ImGui::Begin("##legend", nullptr, kFixed | ImGuiWindowFlags_NoDecoration);
        draw_legend(frame);
        ImGui::End();
    }

    const Rect body{work.x, work.y + legend, work.w, work.h - legend - footer};
    const PanelLayout layout =
        class_panel_ ? arrange_class_panels(body, em) : arrange_panels(body, em);
    for (std::size_t k = 0; k < layout.slots.size(); ++k) {
        const PanelSlot& slot = layout.slots[k];
        place(slot.rect);
        if (slot.panels.size() == 1) {
            Panel* panel = panels_.at(slot.panels.front());
            ImGui::Begin(panel->title(), nullptr, kFixed);
            panel->draw(frame, model_);
            ImGui::End();
            continue;
        }
        const std::string name = "##slot" + std::to_string(k);
        ImGui::Begin(name.c_str(), nullptr, kFixed | ImGuiWindowFlags_NoTitleBar);
        // Every tab stays in sight; a title that has to shrink ends in … and shows whole on
        // hover.
        if (ImGui::BeginTabBar("##tabs", ImGuiTabBarFlags_FittingPolicyResizeDown)) {
            for (const PanelId id : slot.panels) {
                Panel* panel = panels_.at(id);
                // Selected on the first frames only; after that the user's click decides.
                const ImGuiTabItemFlags open = id == content_.first_tab && !tabs_settled_
                                                   ? ImGuiTabItemFlags_SetSelected
                                                   : ImGuiTabItemFlags_None;
                const bool selected = ImGui::BeginTabItem(panel->title(), nullptr, open);
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", panel->title());
                if (selected) {
                    panel->draw(frame, model_);
                    ImGui::EndTabItem();
                }
            }
            ImGui::EndTabBar();
        }
        ImGui::End();
    }

    tabs_settled_ = ++frames_drawn_ > kFramesToSettleTabs;
    place({work.x, work.y + work.h - footer, work.w, footer});
    ImGui::Begin("##timeline", nullptr, kFixed | ImGuiWindowFlags_NoDecoration);
    timeline_.draw(frame, model_);
    ImGui::End();
    draw_prediction(frame, predictions_, model_.playback());
}

}  // namespace

int run_gui_app(const GuiOptions& options, GuiContent content) {
    auto app = std::make_shared<GuiApp>(std::move(content));
    return run_window(options, [app](const FrameContext& frame) { app->draw(frame); });
}

}  // namespace maillab::viz
