#include "viz/panels/class_panel.hpp"

#include <imgui.h>

#include <string>

namespace maillab::viz {

namespace {

std::string joined(const std::set<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

// A narrow column cuts the text; hovering shows it whole.
void cell(const std::string& text) {
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(text.c_str());
    if (ImGui::IsItemHovered() && ImGui::CalcTextSize(text.c_str()).x > ImGui::GetColumnWidth())
        ImGui::SetTooltip("%s", text.c_str());
}

}  // namespace

void ClassPanel::draw(const FrameContext& frame, GuiModel&) {
    std::size_t connected = 0;
    std::size_t open = 0;
    for (const auto& row : table_.rows()) {
        if (row.sessions > 0) ++connected;
        open += row.open_sessions;
    }
    const std::string summary =
        std::to_string(connected) + " of " + std::to_string(table_.rows().size()) +
        " accounts have connected, " + std::to_string(open) + " sessions open now" +
        (table_.unidentified_open() > 0
             ? ", " + std::to_string(table_.unidentified_open()) + " not logged in yet"
             : std::string{});
    ImGui::TextUnformatted(summary.c_str());
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                       ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##class", 6, kFlags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    // Names and numbers keep their width; the apps and protocols share the rest.
    const auto fixed = [](const char* widest) { return ImGui::CalcTextSize(widest).x; };
    ImGui::TableSetupColumn("Student", ImGuiTableColumnFlags_WidthFixed, fixed("student000"));
    ImGui::TableSetupColumn("Apps", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Protocols", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Sent", ImGuiTableColumnFlags_WidthFixed, fixed("Sent"));
    ImGui::TableSetupColumn("Got", ImGuiTableColumnFlags_WidthFixed, fixed("Got"));
    ImGui::TableSetupColumn("Open", ImGuiTableColumnFlags_WidthFixed, fixed("Open"));
    ImGui::TableHeadersRow();
    for (const auto& row : table_.rows()) {
        ImGui::TableNextRow();
        const bool idle = row.sessions == 0;
        if (idle)
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        cell(row.account);
        cell(idle ? "not connected yet" : joined(row.apps, ", "));
        cell(joined(row.protocols, " "));
        cell(std::to_string(row.sent));
        cell(std::to_string(row.received));
        ImGui::TableNextColumn();
        if (row.open_sessions > 0) {
            ImGui::PushStyleColor(ImGuiCol_Text, frame.theme.success());
            ImGui::Text("%zu", row.open_sessions);
            ImGui::PopStyleColor();
        } else {
            ImGui::TextUnformatted("0");
        }
        if (idle) ImGui::PopStyleColor();
    }
    ImGui::EndTable();
}

}  // namespace maillab::viz
