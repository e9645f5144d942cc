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
    // Short, so the length and the first ciphertext octets fit a narrow column.
    std::string out;
    for (const WireRecord& r : c.records) {
        const std::string kind = r.kind == "application data" ? "data" : r.kind;
        out += (out.empty() ? "TLS " : "; TLS ") + kind + ", " + std::to_string(r.length) +
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

ImU32 colour_of(const FrameContext& frame, const WireCapture& c) {
    return c.readable          ? frame.theme.failure()
           : c.records.empty() ? frame.theme.text_muted()
                               : frame.theme.protocol(ProtocolColor::Tls);
}

std::string arrow(const sim::Event& e) {
    return e.dir != sim::Direction::ServerToClient ? "  → " : "  ← ";
}

}  // namespace

const SnifferCapture* WirePanel::shown_sniffer(const GuiModel& model) const {
    for (const SnifferCapture& sniffer : model.sniffers()) {
        if (sniffer.active(model.playback().cursor())) return &sniffer;
    }
    return nullptr;
}

// Every segment that crossed the sniffed link, and beside it what the endpoints saw of it.
void WirePanel::draw_sniffer(const FrameContext& frame, const GuiModel& model,
                             const SnifferCapture& sniffer) {
    const sim::Trace& trace = model.trace();
    const std::size_t cursor = model.playback().cursor();
    const auto segments = sniffer.segments(cursor);
    fitted_text("The sniffer on " + sniffer.where().a + " ↔ " + sniffer.where().b + " captured " +
                std::to_string(segments.size()) + " segments so far:");
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                       ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("##sniffed", 2, kFlags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("On the wire: what the sniffer reads",
                            ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("What the endpoints see", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(segments.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const std::size_t index = segments[static_cast<std::size_t>(r)];
            const sim::Event& e = trace[index];
            const WireCapture c = capture_of(trace.payload(e));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            fitted_text(sim::duration_text(e.t) + arrow(e) + summary(c), colour_of(frame, c));
            if (ImGui::IsItemHovered()) tooltip(c);
            ImGui::TableNextColumn();
            const std::string seen = endpoint_text(trace, index);
            if (c.readable) {
                fitted_text("the same", frame.theme.text_muted());
            } else if (!seen.empty()) {
                fitted_text(seen);
            } else {
                // In TLS 1.3 the handshake's end, tickets and the goodbye are encrypted too.
                fitted_text(c.records.empty() ? "—" : "TLS's own message",
                            frame.theme.text_muted());
            }
        }
    }
    if (cursor != last_cursor_) {
        ImGui::SetScrollHereY(1.0f);
        last_cursor_ = cursor;
    }
    ImGui::EndTable();
}

void WirePanel::draw(const FrameContext& frame, GuiModel& model) {
    const sim::Trace& trace = model.trace();
    index_.index(trace);
    std::optional<sim::ConnId> conn = model.selected_connection;
    if (!conn && model.selected_event && *model.selected_event < trace.size() &&
        trace[*model.selected_event].conn != sim::kNoConn) {
        conn = trace[*model.selected_event].conn;
    }
    const SnifferCapture* sniffer = shown_sniffer(model);
    if (!conn && sniffer != nullptr) {
        draw_sniffer(frame, model, *sniffer);
        return;
    }
    if (conn && sniffer != nullptr && ImGui::SmallButton("Show the sniffer's capture")) {
        model.selected_event.reset();
        model.selected_connection.reset();
        return;
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
            fitted_text(sim::duration_text(e.t) + arrow(e) + summary(c), colour_of(frame, c));
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
