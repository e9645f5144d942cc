#include "viz/panels/sequence_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <set>
#include <string>

#include "sim/export/duration_text.hpp"
#include "sim/export/text_layout.hpp"
#include "viz/panels/fitted_text.hpp"

namespace maillab::viz {

namespace {

constexpr float kLaneLabelEm = 1.6f;
constexpr std::size_t kArrowTextChars = 60;

// The widest time a row shows, to size the time column.
constexpr const char* kWidestTime = "00 min 00 s";

float lane_centre(float left, float width, std::size_t k, std::size_t lanes) {
    return left + width * (static_cast<float>(k) + 0.5f) /
                      static_cast<float>(std::max<std::size_t>(lanes, 1));
}

bool shown(sim::EventKind kind) {
    return kind == sim::EventKind::Command || kind == sim::EventKind::Reply ||
           kind == sim::EventKind::TcpSyn || kind == sim::EventKind::TlsEstablished ||
           kind == sim::EventKind::TcpConnectFailed;
}

}  // namespace

void SequencePanel::index(const sim::Trace& trace) {
    for (; indexed_ < trace.size(); ++indexed_) {
        const sim::Event& e = trace[indexed_];
        if (e.kind == sim::EventKind::TcpSyn) {
            endpoints_[e.conn] = {e.host, e.peer, static_cast<std::uint16_t>(e.aux)};
            for (const sim::HostId h : {e.host, e.peer}) {
                if (std::find(lanes_.begin(), lanes_.end(), h) == lanes_.end()) lanes_.push_back(h);
            }
        }
        if (!shown(e.kind)) continue;
        // Both engines report each line; keep the server's (see the transcript).
        const auto ends = endpoints_.find(e.conn);
        if ((e.kind == sim::EventKind::Command || e.kind == sim::EventKind::Reply) &&
            ends != endpoints_.end() && e.host != sim::kNoHost && e.host != ends->second.server) {
            continue;
        }
        rows_.push_back(indexed_);
        by_conn_[e.conn].push_back(indexed_);
    }
}

void SequencePanel::draw_row(const FrameContext& frame, GuiModel& model, std::size_t i,
                             const std::vector<sim::HostId>& lanes, float left, float width,
                             float time_width) {
    const sim::Trace& trace = model.trace();
    const sim::Event& e = trace[i];
    const auto ends = endpoints_.find(e.conn);
    if (ends == endpoints_.end()) {
        ImGui::NewLine();
        return;
    }
    auto lane_x = [&](sim::HostId h) {
        const auto it = std::find(lanes.begin(), lanes.end(), h);
        return lane_centre(left + time_width, width - time_width,
                           static_cast<std::size_t>(it - lanes.begin()), lanes.size());
    };
    const bool to_server = e.dir != sim::Direction::ServerToClient;
    const sim::HostId from = to_server ? ends->second.client : ends->second.server;
    const sim::HostId to = to_server ? ends->second.server : ends->second.client;
    const float x0 = lane_x(from), x1 = lane_x(to);
    const ImVec2 row = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeightWithSpacing() * 1.6f;
    ImGui::PushID(static_cast<int>(i));
    const bool clicked = ImGui::InvisibleButton("##row", ImVec2(std::max(width, 1.0f), h));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // By the port the connection was opened to: the connection may be closed
    // and forgotten by the world state at the playhead.
    ImU32 col = frame.theme.protocol(protocol_for_port(ends->second.port));
    std::string label;
    switch (e.kind) {
        case sim::EventKind::TcpSyn:
            label = "connect (TCP handshake) to port " + std::to_string(e.aux);
            col = frame.theme.protocol(ProtocolColor::Tcp);
            break;
        case sim::EventKind::TcpConnectFailed:
            label = "connection failed";
            col = frame.theme.failure();
            break;
        case sim::EventKind::TlsEstablished:
            label = "TLS established: from here on, encrypted";
            col = frame.theme.protocol(ProtocolColor::Tls);
            break;
        default: {
            std::string_view payload = trace.payload(e);
            const std::size_t lines =
                static_cast<std::size_t>(std::count(payload.begin(), payload.end(), '\n'));
            label =
                sim::fit(sim::printable(payload.substr(0, payload.find('\n'))), kArrowTextChars);
            if (lines > 1) label += "  (+" + std::to_string(lines - 1) + " lines)";
        }
    }
    if (model.selected_event == i || hovered) {
        draw->AddRectFilled(row, ImVec2(row.x + width, row.y + h),
                            ImGui::GetColorU32(ImGuiCol_HeaderHovered));
    }
    const std::string when = sim::duration_text(e.t);
    draw->AddText(ImVec2(row.x, row.y + 1.0f), frame.theme.text_muted(), when.c_str());
    const float y = row.y + h * 0.75f;
    draw->AddLine(ImVec2(x0, y), ImVec2(x1, y), col, 2.0f * frame.scale);
    const float dir = x1 >= x0 ? 1.0f : -1.0f;
    const float head = ImGui::GetFontSize() * 0.45f;
    draw->AddTriangleFilled(ImVec2(x1, y), ImVec2(x1 - dir * head, y - head * 0.6f),
                            ImVec2(x1 - dir * head, y + head * 0.6f), col);
    const float tx = std::min(x0, x1) + ImGui::GetFontSize() * 0.5f;
    const std::string shown = fit_text(label, left + width - tx);
    draw->AddText(ImVec2(tx, row.y + 1.0f), ImGui::GetColorU32(ImGuiCol_Text), shown.c_str());
    if (hovered) {
        const std::string_view meaning = trace.note(e);
        const std::string_view reference = trace.ref(e);
        const bool cut = shown.size() != label.size();
        if (cut || !meaning.empty() || !reference.empty()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
            if (cut) ImGui::TextUnformatted(label.c_str());
            ImGui::TextUnformatted(meaning.data(), meaning.data() + meaning.size());
            ImGui::TextDisabled("%.*s", static_cast<int>(reference.size()), reference.data());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    if (clicked) {
        model.selected_event = i;
        model.selected_connection = e.conn;
    }
}

void SequencePanel::draw(const FrameContext& frame, GuiModel& model) {
    const sim::Trace& trace = model.trace();
    index(trace);
    const std::size_t cursor = model.playback().cursor();

    const std::vector<std::size_t>* rows = &rows_;
    if (model.selected_connection) {
        const auto it = by_conn_.find(*model.selected_connection);
        if (it != by_conn_.end()) rows = &it->second;
        if (ImGui::SmallButton("show all connections")) model.selected_connection.reset();
        ImGui::SameLine();
        ImGui::TextDisabled("one connection shown (click a row to pick another)");
    }
    const auto visible_end = std::lower_bound(rows->begin(), rows->end(), cursor);
    const auto count = static_cast<std::size_t>(visible_end - rows->begin());

    // Lanes: the endpoints of the connections shown, in order of appearance.
    std::vector<sim::HostId> lanes = lanes_;
    if (model.selected_connection) {
        const auto ends = endpoints_.find(*model.selected_connection);
        if (ends != endpoints_.end()) lanes = {ends->second.client, ends->second.server};
    }
    const float width = ImGui::GetContentRegionAvail().x;
    const float time_width = ImGui::CalcTextSize(kWidestTime).x + ImGui::GetFontSize() * 0.5f;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // Each lane's name fits its share of the width; a cut one shows whole on hover.
    const float lane_room =
        (width - time_width) / static_cast<float>(std::max<std::size_t>(lanes.size(), 1)) -
        ImGui::GetStyle().ItemSpacing.x;
    const std::string* hovered_lane = nullptr;
    for (std::size_t k = 0; k < lanes.size(); ++k) {
        const auto it = model.now().hosts.find(lanes[k]);
        const std::string full = it == model.now().hosts.end() ? "?" : it->second.name;
        const std::string name = fit_text(full, lane_room);
        const float x = lane_centre(top.x + time_width, width - time_width, k, lanes.size());
        const ImVec2 ts = ImGui::CalcTextSize(name.c_str());
        const ImVec2 at{x - ts.x * 0.5f, top.y};
        draw->AddText(at, ImGui::GetColorU32(ImGuiCol_Text), name.c_str());
        if (name.size() != full.size() &&
            ImGui::IsMouseHoveringRect(at, ImVec2(at.x + ts.x, at.y + ts.y)) &&
            it != model.now().hosts.end()) {
            hovered_lane = &it->second.name;
        }
    }
    if (hovered_lane != nullptr) ImGui::SetTooltip("%s", hovered_lane->c_str());
    ImGui::Dummy(ImVec2(width, ImGui::GetFontSize() * kLaneLabelEm));

    ImGui::BeginChild("##rows", ImVec2(0, 0), false);
    const ImVec2 rows_top = ImGui::GetCursorScreenPos();
    const float rows_height = ImGui::GetWindowHeight();
    for (std::size_t k = 0; k < lanes.size(); ++k) {
        const float x = lane_centre(rows_top.x + time_width, width - time_width, k, lanes.size());
        ImGui::GetWindowDrawList()->AddLine(ImVec2(x, ImGui::GetWindowPos().y),
                                            ImVec2(x, ImGui::GetWindowPos().y + rows_height),
                                            frame.theme.text_muted(), frame.scale);
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(count), ImGui::GetTextLineHeightWithSpacing() * 1.6f);
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            draw_row(frame, model, (*rows)[static_cast<std::size_t>(r)], lanes, rows_top.x, width,
                     time_width);
        }
    }
    if (cursor != last_cursor_) {
        ImGui::SetScrollHereY(1.0f);
        last_cursor_ = cursor;
    }
    ImGui::EndChild();
}

}  // namespace maillab::viz
