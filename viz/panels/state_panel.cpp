#include "viz/panels/state_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/export/duration_text.hpp"
#include "viz/model/message_labels.hpp"
#include "viz/panels/fitted_text.hpp"

namespace maillab::viz {

namespace {

// Columns share the panel's width, but never get narrower than this; then the
// panel scrolls sideways.
constexpr float kMinColumnEm = 10.0f;
// A mailbox or device shows at most this many (the newest) messages, so a
// frame costs the same however full a mailbox grows.
constexpr std::size_t kMaxRowsShown = 40;

// Quieter text that wraps inside the column, indented under what it belongs to.
void wrapped_detail(const std::string& text) {
    ImGui::Indent();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::Unindent();
}

bool changed_since(const sim::Trace& trace, const sim::WorldState& before,
                   const sim::MailboxKey& key, const sim::StoredMessage& m) {
    const sim::StoredMessage* old = before.find_message(key, m.uid);
    return old == nullptr || trace.text(old->flags) != trace.text(m.flags);
}

void older_hidden(std::size_t total) {
    if (total > kMaxRowsShown) ImGui::TextDisabled("  … %zu older", total - kMaxRowsShown);
}

// A device is offline when every link it has is down.
bool offline(const sim::WorldState& now, sim::HostId id) {
    bool any = false;
    for (const auto& link : now.links) {
        if (link.a != id && link.b != id) continue;
        if (link.up) return false;
        any = true;
    }
    return any;
}

// One message: its subject on a line of its own (marked when it changed in
// this step), and below it, quieter, what identifies it and its flags.
void message_row(const FrameContext& frame, bool changed, bool unread, std::string_view subject,
                 const std::string& details) {
    // Rows scrolled out of sight only keep their place: a full mailbox costs
    // a frame no more than the rows that are seen.
    const float row = ImGui::GetTextLineHeightWithSpacing() * (details.empty() ? 1.0f : 2.0f);
    if (!ImGui::IsRectVisible(ImVec2(ImGui::GetContentRegionAvail().x, row))) {
        ImGui::Dummy(ImVec2(1.0f, row - ImGui::GetStyle().ItemSpacing.y));
        return;
    }
    // Unread is bold, as mail clients show it; without a bold font, a marker says it.
    const bool marker = unread && frame.fonts.bold == frame.fonts.text;
    if (unread) ImGui::PushFont(frame.fonts.bold);
    fitted_text((changed ? "● " : "  ") + std::string{marker ? "» " : ""} + std::string{subject},
                changed ? frame.theme.highlight() : 0);
    if (unread) ImGui::PopFont();
    if (!details.empty()) wrapped_detail(details);
}

void draw_server(const FrameContext& frame, const GuiModel& model, sim::HostId id,
                 const sim::HostState& host) {
    const sim::WorldState& now = model.now();
    ImGui::PushFont(frame.fonts.heading);
    fitted_name(host.name);
    ImGui::PopFont();
    if (!host.up) ImGui::TextColored(ImColor(frame.theme.failure()), "offline");
    for (const auto& [key, messages] : now.mailboxes) {
        if (key.first != id) continue;
        // Empty folders other than INBOX (Sent, Trash, ...) would only crowd the column.
        const bool inbox =
            key.second.size() >= 6 && key.second.compare(key.second.size() - 6, 6, "/INBOX") == 0;
        if (messages.empty() && !inbox) continue;
        ImGui::TextColored(ImColor(frame.theme.protocol(ProtocolColor::Store)), "%s (%zu)",
                           key.second.c_str(), messages.size());
        if (messages.empty()) wrapped_detail("(empty)");
        older_hidden(messages.size());
        const sim::Trace& trace = model.trace();
        for (std::size_t i = messages.size() > kMaxRowsShown ? messages.size() - kMaxRowsShown : 0;
             i < messages.size(); ++i) {
            const auto& m = messages[i];
            const std::string_view flags = trace.text(m.flags);
            message_row(frame, changed_since(trace, model.before(), key, m), is_unread(flags),
                        trace.text(m.subject),
                        "uid " + std::to_string(m.uid) + " · " + state_words(flags));
        }
    }
    const auto queue = now.queues.find(id);
    if (queue != now.queues.end() && !queue->second.empty()) {
        ImGui::TextColored(ImColor(frame.theme.protocol(ProtocolColor::Queue)), "queue (%zu)",
                           queue->second.size());
        for (const auto& [qid, entry] : queue->second) {
            std::string rcpts;
            for (const auto& r : entry.recipients)
                rcpts += (rcpts.empty() ? "" : ", ") + r;
            fitted_text("  #" + std::to_string(qid) + " → " + rcpts);
            wrapped_detail("attempts " + std::to_string(entry.attempts) + ", next try at " +
                           sim::duration_text(entry.next_retry));
            if (!entry.last_reply.empty()) wrapped_detail(entry.last_reply);
        }
    }
}

// The copies of one origin on a device, newest last.
void device_group(const FrameContext& frame, const GuiModel& model, sim::HostId id,
                  CopyOrigin origin, const std::vector<std::size_t>& group) {
    const sim::Trace& trace = model.trace();
    const auto& messages = model.now().devices.at(id);
    const auto before = model.before().devices.find(id);
    // Wrapped, never cut: which copies are which is the point of the heading.
    const std::string heading =
        std::string{origin_words(origin)} + " (" + std::to_string(group.size()) + ")";
    ImGui::PushStyleColor(ImGuiCol_Text, frame.theme.protocol(ProtocolColor::Device));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(heading.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    older_hidden(group.size());
    for (std::size_t k = group.size() > kMaxRowsShown ? group.size() - kMaxRowsShown : 0;
         k < group.size(); ++k) {
        const auto& m = messages[group[k]];
        const sim::DeviceMessage* old =
            before == model.before().devices.end()
                ? nullptr
                : model.before().find_device_message(trace, id, trace.text(m.key));
        const bool changed = old == nullptr || trace.text(old->flags) != trace.text(m.flags);
        // POP3 knows no flags: only an IMAP copy can be unread.
        const std::string_view flags = trace.text(m.flags);
        const bool imap = origin == CopyOrigin::ImapCopy;
        message_row(frame, changed, imap && is_unread(flags), trace.text(m.subject),
                    imap ? state_words(flags) : flag_words(flags));
    }
}

void draw_device(const FrameContext& frame, const GuiModel& model, sim::HostId id,
                 const sim::HostState& host, const std::vector<std::string_view>& waiting) {
    ImGui::PushFont(frame.fonts.heading);
    fitted_name(host.name);
    ImGui::PopFont();
    if (!host.up || offline(model.now(), id))
        ImGui::TextColored(ImColor(frame.theme.failure()), "offline");
    if (!waiting.empty()) {
        const std::string heading =
            "done offline, waiting to reach the server (" + std::to_string(waiting.size()) + ")";
        ImGui::PushStyleColor(ImGuiCol_Text, frame.theme.highlight());
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(heading.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        for (const std::string_view action : waiting)
            wrapped_detail(std::string{action});
    }
    const auto copy = model.now().devices.find(id);
    const std::size_t total = copy == model.now().devices.end() ? 0 : copy->second.size();
    ImGui::TextColored(ImColor(frame.theme.protocol(ProtocolColor::Device)), "on this device (%zu)",
                       total);
    if (total == 0) {
        wrapped_detail("(nothing on this device)");
        return;
    }
    // Grouped by where each copy came from: POP3 took it off the server; IMAP mirrors the
    // server's mailbox.
    const sim::Trace& trace = model.trace();
    for (const CopyOrigin origin :
         {CopyOrigin::Pop3Download, CopyOrigin::ImapCopy, CopyOrigin::Unknown}) {
        std::vector<std::size_t> group;
        for (std::size_t i = 0; i < copy->second.size(); ++i) {
            if (copy_origin(trace.text(copy->second[i].key)) == origin) group.push_back(i);
        }
        if (!group.empty()) device_group(frame, model, id, origin, group);
    }
}

}  // namespace

void StatePanel::draw(const FrameContext& frame, GuiModel& model) {
    offline_.index(model.trace());
    const sim::WorldState& now = model.now();
    std::size_t columns = 0;
    for (const auto& [id, host] : now.hosts)
        columns += host.role == "server" || host.role == "device";
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float fair = (ImGui::GetContentRegionAvail().x -
                        spacing * static_cast<float>(columns > 0 ? columns - 1 : 0)) /
                       static_cast<float>(std::max<std::size_t>(columns, 1));
    const float column = std::max(fair, ImGui::GetFontSize() * kMinColumnEm);
    ImGui::BeginChild("##columns", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    int shown = 0;
    for (const auto& [id, host] : now.hosts) {
        const bool server = host.role == "server";
        const bool device = host.role == "device";
        if (!server && !device) continue;
        if (shown++ > 0) ImGui::SameLine();
        ImGui::BeginChild(static_cast<ImGuiID>(id + 1), ImVec2(column, 0), true);
        if (server)
            draw_server(frame, model, id, host);
        else
            draw_device(frame, model, id, host,
                        offline_.pending(model.trace(), id, model.playback().cursor()));
        ImGui::EndChild();
    }
    ImGui::EndChild();
    if (shown == 0) ImGui::TextDisabled("No servers or devices in this world yet.");
}

}  // namespace maillab::viz
