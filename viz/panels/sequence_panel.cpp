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

// "1 row", "14 rows".
std::string count_text(std::size_t n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

}  // namespace

void SequencePanel::index(const sim::Trace& trace) {
    for (; indexed_ < trace.size(); ++indexed_) {
        const sim::Event& e = trace[indexed_];
        if (e.kind == sim::EventKind::TcpSyn) {
            endpoints_[e.conn] = {e.host, e.peer, static_cast<std::uint16_t>(e.aux)};
            connection_ends_[e.conn] = {e.host, e.peer};
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
        folding_.add(trace, indexed_);
        by_conn_[e.conn].push_back(indexed_);
    }
}

void SequencePanel::draw_row(const FrameContext& frame, GuiModel& model, const SequenceRow& at,
                             const std::vector<sim::HostId>& lanes, float left, float width,
                             float time_width) {
    const std::size_t i = at.event;
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
    const bool fold = at.fold_header;
    const std::size_t cursor = model.playback().cursor();
    switch (fold ? sim::EventKind::SessionNote : e.kind) {
        case sim::EventKind::SessionNote:
            label = std::string{folding_.open(at.fold) ? "▾ " : "▸ "} + "port " +
                    std::to_string(ends->second.port) + ": " +
                    folding_.summary(trace, at.fold, cursor) + "  (" +
                    count_text(folding_.fold_size(at.fold, cursor), "row") + ")";
            col = frame.theme.protocol(protocol_for_port(ends->second.port));
            break;
        case sim::EventKind::TcpSyn:
            label = "connect (TCP handshake) to port " + std::to_string(e.aux);
            col = frame.theme.protocol(ProtocolColor::Tcp);
            break;
        case sim::EventKind::TcpConnectFailed:
            // "connection timed out" says it all; "unknown host x" needs saying what failed.
            label = std::string{trace.note(e)};
            if (label.rfind("connection", 0) != 0)
                label = label.empty() ? "connection failed" : "connection failed: " + label;
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
    if (fold) {  // a session, both ways: a dot at each end
        draw->AddCircleFilled(ImVec2(x0, y), head * 0.5f, col);
        draw->AddCircleFilled(ImVec2(x1, y), head * 0.5f, col);
    } else {
        draw->AddTriangleFilled(ImVec2(x1, y), ImVec2(x1 - dir * head, y - head * 0.6f),
                                ImVec2(x1 - dir * head, y + head * 0.6f), col);
    }
    const float tx = std::min(x0, x1) + ImGui::GetFontSize() * 0.5f;
    // The rows' own right edge: their child window's scrollbar takes part of `width`.
    const float right =
        std::min(left + width, ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x);
    const std::string shown = fit_text(label, right - tx);
    draw->AddText(ImVec2(tx, row.y + 1.0f), ImGui::GetColorU32(ImGuiCol_Text), shown.c_str());
    if (hovered) {
        const std::string_view meaning =
            fold ? std::string_view{"The session's routine start: connecting, TLS, capabilities, "
                                    "login, the folder list. Click to open or close it."}
                 : trace.note(e);
        const std::string_view reference = fold ? std::string_view{} : trace.ref(e);
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
    if (clicked && fold) {
        pending_toggle_ = at.fold;  // after the rows are drawn: the list changes
    } else if (clicked) {
        model.selected_event = i;
        model.selected_connection = e.conn;
    }
}

void SequencePanel::pick_student(const ClassTable& table) {
    constexpr const char* kEveryone = "every student";
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
    if (ImGui::BeginCombo("##student", student_.empty() ? kEveryone : student_.c_str())) {
        if (ImGui::Selectable(kEveryone, student_.empty())) student_.clear();
        for (const StudentRow& row : table.rows()) {
            if (ImGui::Selectable(row.account.c_str(), row.account == student_))
                student_ = row.account;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s", student_.empty() ? "pick a student to follow their sessions"
                                               : "this student's sessions only");
}

void SequencePanel::draw(const FrameContext& frame, GuiModel& model) {
    const sim::Trace& trace = model.trace();
    index(trace);
    const std::size_t cursor = model.playback().cursor();

    // One connection picked: all its rows; one student picked: all their
    // sessions' rows; else every connection, routine starts folded.
    const std::vector<std::size_t>* picked = nullptr;
    StudentRows of_student;
    if (model.class_table() != nullptr) {
        pick_student(*model.class_table());
        if (!student_.empty()) {
            of_student = student_rows(student_, by_conn_, connection_ends_,
                                      model.class_table()->student_names());
            picked = &of_student.events;
        }
    }
    if (model.selected_connection) {
        const auto it = by_conn_.find(*model.selected_connection);
        if (it != by_conn_.end()) picked = &it->second;
        if (ImGui::SmallButton("show all connections")) model.selected_connection.reset();
        ImGui::SameLine();
        ImGui::TextDisabled("one connection shown (click a row to pick another)");
    }
    const std::size_t count =
        picked != nullptr
            ? static_cast<std::size_t>(std::lower_bound(picked->begin(), picked->end(), cursor) -
                                       picked->begin())
            : folding_.shown_before(cursor);

    // Lanes: the endpoints of the connections shown, in order of appearance.
    std::vector<sim::HostId> lanes = student_.empty() ? lanes_ : of_student.lanes;
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
        const auto renamed = model.display_names().find(lanes[k]);
        const std::string full = renamed != model.display_names().end() ? renamed->second
                                 : it == model.now().hosts.end()        ? "?"
                                                                        : it->second.name;
        const std::string name = fit_text(full, lane_room);
        const float x = lane_centre(top.x + time_width, width - time_width, k, lanes.size());
        const ImVec2 ts = ImGui::CalcTextSize(name.c_str());
        const ImVec2 at{x - ts.x * 0.5f, top.y};
        draw->AddText(at, ImGui::GetColorU32(ImGuiCol_Text), name.c_str());
        if (it != model.now().hosts.end() && name != it->second.name &&
            ImGui::IsMouseHoveringRect(at, ImVec2(at.x + ts.x, at.y + ts.y))) {
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
            const auto k = static_cast<std::size_t>(r);
            const SequenceRow row =
                picked != nullptr ? SequenceRow{(*picked)[k]} : SequenceRow{folding_.rows()[k]};
            draw_row(frame, model, row, lanes, rows_top.x, width, time_width);
        }
    }
    if (cursor != last_cursor_) {
        ImGui::SetScrollHereY(1.0f);
        last_cursor_ = cursor;
    }
    ImGui::EndChild();
    if (pending_toggle_) {
        folding_.toggle(*pending_toggle_);
        pending_toggle_.reset();
    }
}

}  // namespace maillab::viz
