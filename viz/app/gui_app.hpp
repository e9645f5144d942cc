// The maillab window: every panel laid out around the trace of one world,
// the keyboard shortcuts, and playback driven by wall time.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "sim/trace/trace.hpp"
#include "viz/app/gui_options.hpp"
#include "viz/model/world_controls.hpp"

namespace maillab::viz {

struct GuiContent {
    std::string title;  // e.g. the lesson's title
    const sim::Trace* trace = nullptr;
    std::optional<std::size_t> start_at_event;  // where the playhead starts
    bool start_playing = false;
    WorldControls* controls = nullptr;  // null: the window only replays
};

int run_gui_app(const GuiOptions& options, const GuiContent& content);

}  // namespace maillab::viz
