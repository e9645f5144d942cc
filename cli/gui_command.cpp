#include "cli/gui_command.hpp"

#include <iostream>
#include <memory>
#include <regex>

#ifdef MAILLAB_HAVE_GUI
#include <imgui.h>

#include "viz/app/window.hpp"
#include "viz/panels/legend_panel.hpp"
#endif

namespace maillab::cli {

namespace {

struct GuiArgs {
    std::string size = "1600x900";
    std::string screenshot;
    std::string theme = "dark";
};

bool parse_size(const std::string& text, int& width, int& height) {
    static const std::regex kSize{R"((\d{3,5})x(\d{3,5}))"};
    std::smatch m;
    if (!std::regex_match(text, m, kSize)) return false;
    width = std::stoi(m[1]);
    height = std::stoi(m[2]);
    return true;
}

int run_gui(const GuiArgs& args) {
#ifdef MAILLAB_HAVE_GUI
    viz::GuiOptions options;
    if (!parse_size(args.size, options.width, options.height)) {
        std::cerr << "maillab gui: --size wants WIDTHxHEIGHT, e.g. 1920x1080\n";
        return kUsageError;
    }
    options.theme = args.theme == "light" ? viz::ThemeKind::Light : viz::ThemeKind::Dark;
    if (!args.screenshot.empty()) options.screenshot_path = args.screenshot;
    return viz::run_window(options, [](const viz::FrameContext& frame) {
        const ImGuiViewport* viewport = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(viewport->WorkPos);
        ImGui::SetNextWindowSize(viewport->WorkSize);
        ImGui::Begin("maillab", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
        ImGui::PushFont(frame.fonts.heading);
        ImGui::TextUnformatted("maillab");
        ImGui::PopFont();
        viz::draw_legend(frame);
        ImGui::End();
    });
#else
    (void)args;
    (void)parse_size;
    std::cerr << "maillab gui: this maillab was built without the window (MAILLAB_GUI=OFF).\n"
                 "Rebuild with -DMAILLAB_GUI=ON, or use 'maillab run' in a terminal.\n";
    return 3;
#endif
}

}  // namespace

void register_gui_command(CLI::App& app, Commands& commands) {
    auto args = std::make_shared<GuiArgs>();
    CLI::App* gui = app.add_subcommand("gui", "Open the window");
    gui->add_option("--size", args->size, "Window size, WIDTHxHEIGHT")->capture_default_str();
    gui->add_option("--screenshot", args->screenshot,
                    "Render, save the window as this PNG and exit");
    gui->add_option("--theme", args->theme, "dark or light")
        ->check(CLI::IsMember({"dark", "light"}))
        ->capture_default_str();
    gui->callback([&commands, args] { commands.chosen = [args] { return run_gui(*args); }; });
}

}  // namespace maillab::cli
