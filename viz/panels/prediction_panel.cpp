#include "viz/panels/prediction_panel.hpp"

#include <imgui.h>

#include <optional>
#include <string>

namespace maillab::viz {

namespace {

// The window's width in em, and at most this share of the screen.
constexpr float kWidthEm = 38.0f;
constexpr float kMaxScreenShare = 0.9f;

// A typed A-F, a-f or 1-6 names a shown choice.
std::optional<std::size_t> typed_choice(std::size_t choices) {
    for (const ImWchar c : ImGui::GetIO().InputQueueCharacters) {
        std::size_t shown = choices;
        if (c >= 'A' && c <= 'F') shown = static_cast<std::size_t>(c - 'A');
        if (c >= 'a' && c <= 'f') shown = static_cast<std::size_t>(c - 'a');
        if (c >= '1' && c <= '6') shown = static_cast<std::size_t>(c - '1');
        if (shown < choices) return shown;
    }
    return std::nullopt;
}

void wrapped(const std::string& text) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
}

std::string lettered(std::size_t shown, const std::string& choice) {
    return std::string(1, static_cast<char>('A' + shown)) + ") " + choice;
}

}  // namespace

void draw_prediction(const FrameContext& frame, PredictionGate& gate, Playback& playback) {
    const StepPrediction* p = gate.asking();
    if (p == nullptr) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float width = std::min(kWidthEm * ImGui::GetFontSize(), vp->WorkSize.x * kMaxScreenShare);
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
        ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f), ImGuiCond_Always);
    ImGui::SetNextWindowFocus();
    // Opaque, so the panels behind do not show through the question.
    ImVec4 background = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    background.w = 1.0f;
    ImGui::PushStyleColor(ImGuiCol_WindowBg, background);
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    const std::string title = "What will happen in step " + std::to_string(p->step) + "?";
    ImGui::Begin(title.c_str(), nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PushFont(frame.fonts.heading);
    wrapped(p->question);
    ImGui::PopFont();
    ImGui::Spacing();
    const auto chosen = gate.chosen();
    for (std::size_t c = 0; c < p->choices.size(); ++c) {
        const bool marked = chosen && (c == *chosen || c == p->answer);
        if (marked) {
            ImGui::PushStyleColor(ImGuiCol_Text,
                                  c == p->answer ? frame.theme.success() : frame.theme.failure());
        }
        const std::string label = lettered(c, p->choices[c]) + "##choice" + std::to_string(c);
        if (ImGui::Button(label.c_str(), ImVec2(-1.0f, 0.0f)) && !chosen) gate.choose(c);
        if (marked) ImGui::PopStyleColor();
    }
    if (!chosen) {
        if (const auto typed = typed_choice(p->choices.size())) gate.choose(*typed);
        ImGui::Spacing();
        ImGui::TextDisabled("Click a choice or type its letter.");
        if (ImGui::SmallButton("Skip the question")) gate.go_on(playback);
    } else {
        ImGui::Separator();
        const bool right = *chosen == p->answer;
        ImGui::PushStyleColor(ImGuiCol_Text, right ? frame.theme.success() : frame.theme.failure());
        wrapped(right ? "✓ Right."
                      : "✗ Not quite: the answer is " + lettered(p->answer, p->choices[p->answer]) +
                            ".");
        ImGui::PopStyleColor();
        wrapped(p->explanation);
        ImGui::Spacing();
        if (ImGui::Button("Watch what happens")) gate.go_on(playback);
    }
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

}  // namespace maillab::viz
