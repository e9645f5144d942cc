#include "cli/serve_window.hpp"

#include <csignal>
#include <iostream>
#include <utility>

#include "cli/gui_command.hpp"

#ifdef MAILLAB_HAVE_GUI
#include "viz/app/display.hpp"
#include "viz/app/gui_app.hpp"
#include "viz/model/presenter_scale.hpp"
#endif

namespace maillab::cli {

bool serve_window_available() {
#ifdef MAILLAB_HAVE_GUI
    if (viz::display_available()) return true;
    std::cerr << viz::no_display_advice();
    return false;
#else
    std::cerr << "maillab serve: this maillab was built without the window (MAILLAB_GUI=OFF)\n";
    return false;
#endif
}

int run_serve_window(asio::io_context& io, sim::bridge::Bridge& bridge, sim::World& world,
                     const ServeWindowOptions& options) {
#ifdef MAILLAB_HAVE_GUI
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&bridge](const asio::error_code& ec, int) {
        if (!ec) bridge.stop();
    });
    viz::GuiContent content;
    content.title = options.title;
    content.trace = &world.trace();
    content.start_at_event = world.trace().size();  // at the end: follow what happens
    content.class_table = options.class_table;
    content.controls = options.controls;
    content.live = [&io, &world] {
        io.poll();  // real sockets and the real-time driver's timers
        if (io.stopped()) io.restart();
        return world.sim().now();
    };
    viz::GuiOptions gui;
    gui.width = options.look.width;
    gui.height = options.look.height;
    if (!options.screenshot.empty()) {
        gui.screenshot_path = options.screenshot;
        // Long enough for a test's client to have talked to the server first.
        gui.screenshot_after_frames = kServeScreenshotFrames;
        // A screenshot depends only on the command line, never on what a user last chose.
        gui.scale_percent =
            options.look.scale_percent.value_or(viz::PresenterScale::kDefaultPercent);
    } else {
        gui.settings_file = view_settings_file();
        gui.scale_percent = options.look.scale_percent.value_or(
            viz::load_view_settings(gui.settings_file).scale_percent);
    }
    const int status = viz::run_gui_app(gui, std::move(content));
    signals.cancel();
    bridge.stop();
    io.poll();
    return status;
#else
    (void)io;
    (void)bridge;
    (void)world;
    (void)options;
    return 1;
#endif
}

}  // namespace maillab::cli
