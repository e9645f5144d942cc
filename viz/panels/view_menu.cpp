#include "viz/panels/view_menu.hpp"

#include <imgui.h>

#include <string>

namespace maillab::viz {

void draw_view_menu(const FrameContext& frame) {
    if (!ImGui::BeginMenu("View")) return;
    PresenterScale& presenter = frame.presenter;
    ImGui::TextDisabled("Presenter scale: fonts and layout together");
    if (ImGui::MenuItem("Larger", "Ctrl+=", false,
                        presenter.percent() < PresenterScale::kMaxPercent)) {
        presenter.larger();
    }
    if (ImGui::MenuItem("Smaller", "Ctrl+-", false,
                        presenter.percent() > PresenterScale::kMinPercent)) {
        presenter.smaller();
    }
    if (ImGui::MenuItem("Actual size (100 %)", "Ctrl+0")) presenter.reset();
    ImGui::Separator();
    for (int percent = PresenterScale::kMinPercent; percent <= PresenterScale::kMaxPercent;
         percent += PresenterScale::kStepPercent) {
        const std::string label = std::to_string(percent) + " %";
        if (ImGui::MenuItem(label.c_str(), nullptr, presenter.percent() == percent))
            presenter.set_percent(percent);
    }
    ImGui::EndMenu();
}

}  // namespace maillab::viz
