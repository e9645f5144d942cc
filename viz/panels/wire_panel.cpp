#include "viz/panels/wire_panel.hpp"

#include <imgui.h>

#include <string>

#include "sim/export/duration_text.hpp"
#include "viz/panels/fitted_text.hpp"

namespace maillab::viz {

namespace {

std::string summary(const WireCapture& c) {
    if (c.readable) {
        std::string line = c.lines.empty() ? std::string{} : c.lines.front();
        if (c.lines.size() > 1) line += "  (+" + std::to_string(c.lines.size() - 1) + " lines)";
        return line;
    }
    if (c.records.empty()) return std::to_string(c.octets) + " octets of binary data";
    std::string out;
    for (const WireRecord& r : c.records) {
        out += (out.empty() ? "TLS " : "; TLS ") + r.kind + ", " + std::to_string(r.length) +
               " octets: " + r.first_octets;
    }
    return out;
}

void tooltip(const WireCapture& c) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    if (c.readable) {
        ImGui::TextUnformatted("Anyone on the path reads this as it is:");
        for (const std::string& line : c.lines)
            ImGui::TextUnformatted(line.c_str());
    } else if (!c.records.empty()) {
        ImGui::TextUnformatted(
            "Encrypted: a sniffer sees the record type and length, never the text inside.");
        for (const WireRecord& r : c.records)
            ImGui::Text("TLS %s, %zu octets: %s", r.kind.c_str(), r.length, r.first_octets.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

}  // namespace

void WirePanel::draw(const FrameContext& frame, GuiModel& model) {
    const sim::Trace& trace = model.trace();
    index_.index(trace);
    std::optional<sim::ConnId> conn = model.selected_connection;
    if (!conn && model.selected_event && *model.selected_event < trace.size() &&
        trace[*model.selected_event].conn != sim::kNoConn) {
        conn = trace[*model.selected_event].conn;
    }
    if (!conn) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        ImGui::TextWrapped(
            "Pick a row in the sequence chart, or a packet on the network: this lists what a "
            "sniffer on its path captured — the text itself while the session is in the clear, "
            "only TLS records once it is encrypted.");
        ImGui::PopStyleColor();
        return;
    }
    const std::size_t cursor = model.playback().cursor();
    const auto segments = index_.segments(*conn, cursor);
    fitted_text("A sniffer on connection " + std::to_string(*conn) + " captured " +
                std::to_string(segments.size()) + " segments so far:");
    ImGui::BeginChild("##wire", ImVec2(0, 0), false);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(segments.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const sim::Event& e = trace[segments[static_cast<std::size_t>(r)]];
            const WireCapture c = capture_of(trace.payload(e));
            const bool to_server = e.dir != sim::Direction::ServerToClient;
            const std::string line =
                sim::duration_text(e.t) + (to_server ? "  → " : "  ← ") + summary(c);
            const ImU32 colour = c.readable          ? frame.theme.failure()
                                 : c.records.empty() ? frame.theme.text_muted()
                                                     : frame.theme.protocol(ProtocolColor::Tls);
            fitted_text(line, colour);
            if (ImGui::IsItemHovered()) tooltip(c);
        }
    }
    if (cursor != last_cursor_) {
        ImGui::SetScrollHereY(1.0f);
        last_cursor_ = cursor;
    }
    ImGui::EndChild();
}

}  // namespace maillab::viz
