#include "viz/panels/inspector_panel.hpp"

#include <imgui.h>

#include <cstdio>
#include <string>

#include "sim/export/text_layout.hpp"
#include "viz/model/packet_layers.hpp"
#include "viz/model/wire_records.hpp"
#include "viz/panels/fitted_text.hpp"
#include "viz/panels/session_diagram.hpp"

namespace maillab::viz {

namespace {

constexpr std::size_t kHexBytesPerRow = 16;
constexpr std::size_t kMaxHexBytes = 4096;

std::string hex_dump(std::string_view bytes) {
    std::string out;
    const std::size_t n = std::min(bytes.size(), kMaxHexBytes);
    for (std::size_t row = 0; row < n; row += kHexBytesPerRow) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04zx  ", row);
        out += buf;
        std::string ascii;
        for (std::size_t i = row; i < row + kHexBytesPerRow; ++i) {
            if (i < n) {
                const auto b = static_cast<unsigned char>(bytes[i]);
                std::snprintf(buf, sizeof buf, "%02x ", b);
                out += buf;
                ascii.push_back(b >= 0x20 && b < 0x7F ? static_cast<char>(b) : '.');
            } else {
                out += "   ";
            }
        }
        out += " " + ascii + "\n";
    }
    if (bytes.size() > n) out += "… (" + std::to_string(bytes.size() - n) + " more bytes)\n";
    return out;
}

}  // namespace

void InspectorPanel::draw(const FrameContext& frame, GuiModel& model) {
    if (!model.selected_event || *model.selected_event >= model.trace().size()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        ImGui::TextWrapped(
            "Click a row in the sequence diagram, or a packet on the network, "
            "to inspect it.");
        ImGui::PopStyleColor();
        return;
    }
    const sim::Trace& trace = model.trace();
    const sim::Event& e = trace[*model.selected_event];
    const auto name = [&](sim::HostId h) {
        const auto it = model.now().hosts.find(h);
        return it == model.now().hosts.end() ? std::string{"—"} : it->second.name;
    };
    ImGui::Text("%s at %.6f s   (event %llu)", std::string{sim::to_string(e.kind)}.c_str(),
                static_cast<double>(e.t) / 1e6, static_cast<unsigned long long>(e.seq));
    if (e.conn != sim::kNoConn) {
        const auto c = model.now().connections.find(e.conn);
        if (c != model.now().connections.end()) {
            fitted_text("connection " + std::to_string(e.conn) + ": " + name(c->second.client) +
                        ":" + std::to_string(c->second.client_port) + " → " +
                        name(c->second.server) + ":" + std::to_string(c->second.server_port) +
                        (c->second.tls ? "  (TLS)" : ""));
        }
        draw_session_diagram(frame, model, e.conn);
    }
    const std::string_view meaning = trace.note(e);
    if (!meaning.empty()) {
        ImGui::Separator();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(meaning.data(), meaning.data() + meaning.size());
        ImGui::PopTextWrapPos();
        const std::string_view ref = trace.ref(e);
        if (!ref.empty()) ImGui::TextDisabled("%.*s", static_cast<int>(ref.size()), ref.data());
    }
    const std::string_view payload = trace.payload(e);
    if (trace.released(e.payload)) {
        ImGui::Separator();
        ImGui::TextDisabled(
            "%u octets, no longer kept in memory (serve --trace-memory); a --trace "
            "file keeps every byte.",
            e.payload.length);
        return;
    }
    if (payload.empty()) return;
    ImGui::Separator();
    ImGui::PushFont(frame.fonts.mono);
    if (ImGui::BeginTabBar("##bytes")) {
        const auto layers = packet_layers(trace, model.now(), *model.selected_event);
        if (!layers.empty() && ImGui::BeginTabItem("layers")) {
            ImGui::PushFont(frame.fonts.text);
            for (const PacketLayer& layer : layers) {
                ImGui::TextColored(ImColor(frame.theme.highlight()), "%s", layer.name.c_str());
                ImGui::Indent();
                for (const std::string& line : layer.lines)
                    fitted_text(line);
                ImGui::Unindent();
            }
            ImGui::PopFont();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("text")) {
            const std::string text = sim::printable(payload);
            ImGui::TextWrapped("%s", text.c_str());
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("hex")) {
            ImGui::TextUnformatted(hex_dump(payload).c_str());
            ImGui::EndTabItem();
        }
        const auto records = wire_records(trace, *model.selected_event);
        if (!records.empty() && ImGui::BeginTabItem("on the wire (TLS)")) {
            std::string wire;
            for (const std::size_t i : records)
                wire += trace.payload(trace[i]);
            ImGui::PushFont(frame.fonts.text);
            ImGui::TextWrapped(
                "A sniffer on the link sees only these %zu bytes in %zu TLS record(s): the "
                "text above is encrypted inside them.",
                wire.size(), records.size());
            ImGui::PopFont();
            ImGui::TextUnformatted(hex_dump(wire).c_str());
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::PopFont();
}

}  // namespace maillab::viz
