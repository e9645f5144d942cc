#include "viz/panels/fitted_text.hpp"

#include <algorithm>

#include "viz/model/word_wrap.hpp"

namespace maillab::viz {

float imgui_text_width(std::string_view text) {
    return ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
}

TextWidth imgui_text_measure() {
    return [](std::string_view text) { return imgui_text_width(text); };
}

std::string fit_text(std::string_view text, float room) {
    return fit_to_width(text, room, imgui_text_measure());
}

namespace {

void whole_on_hover(std::string_view text) {
    if (!ImGui::IsItemHovered()) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

}  // namespace

void fitted_text(std::string_view text, ImU32 color) {
    const std::string shown = fit_text(text, ImGui::GetContentRegionAvail().x);
    if (color != 0) ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(shown.c_str());
    if (color != 0) ImGui::PopStyleColor();
    if (shown.size() != text.size()) whole_on_hover(text);
}

void fitted_name(std::string_view name) {
    const auto lines =
        name_on_two_lines(name, ImGui::GetContentRegionAvail().x, imgui_text_measure());
    std::string shown;
    ImGui::BeginGroup();
    for (const std::string& line : lines) {
        ImGui::TextUnformatted(line.c_str());
        shown += line;
    }
    ImGui::EndGroup();
    if (shown != name) whole_on_hover(name);
}

void text_wrapped_at_spaces(std::string_view text) {
    const float room = std::max(ImGui::GetContentRegionAvail().x, 1.0f);
    // One item, so the lines keep the font's line spacing, not the items'.
    std::string wrapped;
    for (const std::string& line : wrap_words(text, room, imgui_text_measure())) {
        if (!wrapped.empty()) wrapped += '\n';
        wrapped += line;
    }
    ImGui::TextUnformatted(wrapped.c_str(), wrapped.c_str() + wrapped.size());
}

}  // namespace maillab::viz
