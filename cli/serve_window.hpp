// The live window of `maillab serve --gui`: the same panels as a lesson,
// following the world as real clients talk to it. Asio runs on the window's
// thread (polled before every frame), so the trace is never read while it
// is written.
#pragma once

#include <asio.hpp>
#include <string>

#include "cli/window_look.hpp"
#include "sim/bridge/bridge.hpp"
#include "sim/world/world.hpp"
#include "viz/model/class_table.hpp"
#include "viz/model/world_controls.hpp"

namespace maillab::cli {

// Frames drawn before --screenshot saves the window (no vsync: a few seconds).
inline constexpr int kServeScreenshotFrames = 400;

struct ServeWindowOptions {
    std::string title;
    std::string screenshot;  // save a PNG after a few frames and close (tests)
    WindowLook look;
    const viz::ClassTable* class_table = nullptr;  // --classroom: shown instead of the lesson
    viz::WorldControls* controls = nullptr;        // "Act on the world": servers down and up
};

// Whether a window can open here; if not, says why and how to get one.
bool serve_window_available();

// Runs until the window closes (or SIGINT/SIGTERM); then stops the bridge.
int run_serve_window(asio::io_context& io, sim::bridge::Bridge& bridge, sim::World& world,
                     const ServeWindowOptions& options);

}  // namespace maillab::cli
