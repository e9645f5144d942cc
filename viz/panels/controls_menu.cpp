#include "viz/panels/controls_menu.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace maillab::viz {

namespace {

constexpr const char* kSendForm = "Send a message";

template <std::size_t N>
void fill(std::array<char, N>& buffer, std::string_view text) {
    const std::size_t n = std::min(text.size(), N - 1);
    std::memcpy(buffer.data(), text.data(), n);
    buffer[n] = '\0';
}

}  // namespace

void ControlsMenu::show(GuiModel& model, std::size_t first_event) {
    model.playback().seek_event(first_event);
    model.playback().play();
}

void ControlsMenu::draw(GuiModel& model) {
    if (ImGui::BeginMenu("Act on the world")) {
        ImGui::TextDisabled("Happens at the end of the recorded world, traced like the lesson.");
        devices_menu(model);
        servers_menu(model);
        links_menu(model);
        ImGui::EndMenu();
    }
    if (open_form_) {
        ImGui::OpenPopup(kSendForm);
        open_form_ = false;
    }
    send_form(model);
}

void ControlsMenu::devices_menu(GuiModel& model) {
    for (const std::string& device : controls_.devices()) {
        if (!ImGui::BeginMenu(device.c_str())) continue;
        const bool up = controls_.host_up(device);
        if (ImGui::MenuItem("Send a message…", nullptr, false, up)) {
            sending_from_ = device;
            fill(subject_, "Hello from the " + device);
            fill(body_, "Sent from the maillab window.");
            if (to_[0] == '\0') fill(to_, controls_.address_of(device));
            open_form_ = true;
        }
        for (const MailCheck how : controls_.mail_checks(device)) {
            const char* label = how == MailCheck::Pop3   ? "Check mail with POP3"
                                : how == MailCheck::Imap ? "Synchronise with IMAP"
                                                         : "Wait for new mail (IMAP IDLE, 10 min)";
            if (ImGui::MenuItem(label)) show(model, controls_.check_mail(device, how));
        }
        ImGui::Separator();
        if (ImGui::MenuItem(up ? "Go offline" : "Come back online"))
            show(model, controls_.set_host_up(device, !up));
        ImGui::EndMenu();
    }
}

void ControlsMenu::servers_menu(GuiModel& model) {
    ImGui::Separator();
    for (const std::string& server : controls_.servers()) {
        const bool up = controls_.host_up(server);
        const std::string label = (up ? "Take down " : "Bring up ") + server;
        if (ImGui::MenuItem(label.c_str())) show(model, controls_.set_host_up(server, !up));
    }
}

void ControlsMenu::links_menu(GuiModel& model) {
    const auto links = controls_.links();
    if (links.empty() || !ImGui::BeginMenu("Links")) return;
    for (const auto& [a, b] : links) {
        const bool up = controls_.link_up(a, b);
        const std::string label = (up ? "Cut " : "Restore ") + a + " ↔ " + b;
        if (ImGui::MenuItem(label.c_str())) show(model, controls_.set_link_up(a, b, !up));
    }
    ImGui::EndMenu();
}

void ControlsMenu::send_form(GuiModel& model) {
    if (!ImGui::BeginPopupModal(kSendForm, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::Text("From the %s (%s)", sending_from_.c_str(),
                controls_.address_of(sending_from_).c_str());
    ImGui::InputText("To", to_.data(), to_.size());
    ImGui::InputText("Subject", subject_.data(), subject_.size());
    ImGui::InputTextMultiline("Body", body_.data(), body_.size());
    const bool ready = to_[0] != '\0';
    if (!ready) ImGui::BeginDisabled();
    if (ImGui::Button("Send")) {
        show(model, controls_.send(sending_from_, to_.data(), subject_.data(), body_.data()));
        ImGui::CloseCurrentPopup();
    }
    if (!ready) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace maillab::viz
