#include "cli/gui_command.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "cli/gui_seek.hpp"
#include "cli/lesson_controls.hpp"
#include "cli/lesson_source.hpp"
#include "cli/run_command.hpp"
#include "cli/window_look.hpp"
#include "sim/lesson/quiz.hpp"
#include "sim/lesson_run/lesson_run.hpp"
#include "viz/model/panel_layout.hpp"

#ifdef MAILLAB_HAVE_GUI
#include "viz/app/display.hpp"
#include "viz/app/gui_app.hpp"
#include "viz/model/presenter_scale.hpp"
#endif

namespace maillab::cli {

namespace {

struct GuiArgs {
    std::string lesson{kDefaultLesson};
    std::string size = "1600x900";
    std::string screenshot;
    std::string theme = "dark";
    std::string seek;   // "3" = after lesson step 3, "12.5s" = at 12.5 s of virtual time
    std::string scale;  // "150" or "150%"; empty: the remembered scale
    std::string panel;  // the tab open first where panels share a place
    std::optional<std::size_t> inspect;  // a trace event to show in the inspector
};

#ifdef MAILLAB_HAVE_GUI
// The links the lesson's `sniff` actions put a sniffer on, each from its step on.
std::vector<viz::LinkSniffer> lesson_sniffers(const sim::lesson::LessonSpec& spec) {
    std::vector<viz::LinkSniffer> out;
    for (std::size_t step = 0; step < spec.steps.size(); ++step) {
        for (const auto& action : spec.steps[step].actions) {
            if (const auto* sniff = std::get_if<sim::lesson::SniffAction>(&action.kind)) {
                out.push_back(
                    {sniff->between.a, sniff->between.b, static_cast<std::int64_t>(step + 1)});
            }
        }
    }
    return out;
}
#endif

int run_gui(const GuiArgs& args) {
#ifdef MAILLAB_HAVE_GUI
    viz::GuiOptions options;
    const auto look = parse_window_look("maillab gui", args.size, args.scale);
    if (!look) return kUsageError;
    options.width = look->width;
    options.height = look->height;
    const std::optional<int> scale = look->scale_percent;
    auto spec = load_named_lesson(args.lesson);
    if (!spec) return 1;
    // The run and its controls belong to the window (in a browser it outlives run_gui).
    struct LessonWindow {
        LessonWindow(const sim::lesson::LessonSpec& spec, std::uint64_t seed) : run{spec, seed} {}
        sim::LessonRun run;
        LessonControls controls{run};
    };
    auto window = std::make_shared<LessonWindow>(*spec, spec->seed.value_or(1));
    sim::LessonRun& run = window->run;
    while (!run.finished())
        run.run_step();
    // A wrong --seek is reported even where no window could open.
    std::optional<std::size_t> start_at;
    if (!args.seek.empty()) {
        const GuiSeek seek = resolve_gui_seek(run.trace(), args.seek);
        if (!seek.error.empty()) {
            std::cerr << "maillab gui: " << seek.error << "\n";
            return kUsageError;
        }
        start_at = seek.events;
    }
    if (!viz::display_available()) {
        std::cerr << viz::no_display_advice();
        return 3;
    }

    viz::GuiContent content;
    content.title = spec->title;
    content.trace = &run.trace();
    content.controls = &window->controls;
    content.keep_alive = window;
    content.sniffers = lesson_sniffers(*spec);
    for (const auto& device : spec->world.devices) {
        if (device.kind == sim::lesson::DeviceKind::Phone) content.phones.insert(device.name);
    }
    content.start_at_event = start_at;
    const std::uint64_t seed = spec->seed.value_or(1);
    for (std::size_t i = 0; i < spec->steps.size(); ++i) {
        const auto shown = sim::lesson::shown_prediction(spec->steps[i], seed, i);
        if (!shown) continue;
        viz::StepPrediction p{.step = static_cast<std::int64_t>(i + 1),
                              .question = shown->question->question,
                              .answer = shown->answer,
                              .explanation = shown->question->explanation};
        for (std::size_t c = 0; c < shown->order.size(); ++c)
            p.choices.push_back(shown->choice(c));
        content.predictions.push_back(std::move(p));
    }
    if (!args.panel.empty()) content.first_tab = viz::panel_named(args.panel);
    content.inspect_event = args.inspect;
    options.theme = args.theme == "light" ? viz::ThemeKind::Light : viz::ThemeKind::Dark;
    if (!args.screenshot.empty()) {
        // A screenshot depends only on the command line, never on what a user last chose.
        options.screenshot_path = args.screenshot;
        options.scale_percent = scale.value_or(viz::PresenterScale::kDefaultPercent);
    } else {
        options.settings_file = view_settings_file();
        options.scale_percent =
            scale.value_or(viz::load_view_settings(options.settings_file).scale_percent);
    }
    return viz::run_gui_app(options, std::move(content));
#else
    (void)args;
    std::cerr << "maillab gui: this maillab was built without the window (MAILLAB_GUI=OFF).\n"
                 "Use 'maillab run' to play a lesson in the terminal.\n";
    return 3;
#endif
}

std::vector<std::string> panel_names() {
    std::vector<std::string> names;
    for (const viz::PanelId id : viz::kAllPanels)
        names.emplace_back(viz::panel_name(id));
    return names;
}

}  // namespace

std::string view_settings_file() {
    namespace fs = std::filesystem;
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    fs::path dir;
    if (xdg != nullptr && *xdg != '\0')
        dir = fs::path{xdg} / "maillab";
    else if (home != nullptr && *home != '\0')
        dir = fs::path{home} / ".config" / "maillab";
    else
        return {};
    std::error_code ec;
    fs::create_directories(dir, ec);
    return ec ? std::string{} : (dir / "settings.ini").string();
}

int run_default_job() {
#ifdef MAILLAB_HAVE_GUI
    if (viz::display_available()) return run_gui(GuiArgs{});
#endif
    return run_default_in_terminal();
}

void register_gui_command(CLI::App& app, Commands& commands) {
    auto args = std::make_shared<GuiArgs>();
    CLI::App* gui = app.add_subcommand("gui", "Open a lesson in the window");
    gui->add_option("LESSON", args->lesson, "Lesson id or .toml file")->capture_default_str();
    gui->add_option("--size", args->size, "Window size, WIDTHxHEIGHT")->capture_default_str();
    gui->add_option("--seek", args->seek, "Start after lesson step N, or at a time like 12.5s");
    gui->add_option("--screenshot", args->screenshot,
                    "Render, save the window as this PNG and exit");
    gui->add_option("--scale", args->scale,
                    "Presenter scale of fonts and layout, 100 to 250 (%); remembered when "
                    "changed in the window (View menu, Ctrl+= / Ctrl+- / Ctrl+0)");
    gui->add_option("--panel", args->panel,
                    "Where panels share a place as tabs, open this one first (wire: what a sniffer "
                    "captured)")
        ->check(CLI::IsMember(panel_names()));
    gui->add_option("--inspect", args->inspect,
                    "Show this trace event in the inspector (its seq in 'maillab export --jsonl')");
    gui->add_option("--theme", args->theme, "dark or light")
        ->check(CLI::IsMember({"dark", "light"}))
        ->capture_default_str();
    gui->callback([&commands, args] { commands.chosen = [args] { return run_gui(*args); }; });
}

}  // namespace maillab::cli
