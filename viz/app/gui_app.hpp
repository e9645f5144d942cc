// The maillab window: every panel laid out around the trace of one world,
// the keyboard shortcuts, and playback driven by wall time.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/trace/trace.hpp"
#include "viz/app/gui_options.hpp"
#include "viz/model/panel_layout.hpp"
#include "viz/model/prediction_gate.hpp"
#include "viz/model/sniffer_capture.hpp"
#include "viz/model/world_controls.hpp"

namespace maillab::viz {

class ClassTable;

struct GuiContent {
    std::string title;  // e.g. the lesson's title
    const sim::Trace* trace = nullptr;
    std::optional<std::size_t> start_at_event;  // where the playhead starts
    bool start_playing = false;
    // Where panels share a place as tabs, this one's tab is open first.
    std::optional<PanelId> first_tab;
    std::optional<std::size_t> inspect_event;  // shown in the inspector from the start
    WorldControls* controls = nullptr;         // null: the window only replays
    std::vector<LinkSniffer> sniffers;         // placed by the lesson, drawn on their links
    std::set<std::string> phones;              // device names the lesson calls phones
    // Asked before their steps play, each in its shown order.
    std::vector<StepPrediction> predictions;
    // Live view (`maillab serve --gui`): called before each frame, it lets the
    // world run up to now and returns the virtual time it reached. While the
    // playhead is at the end it follows that time; step back to look at the
    // past, press End to follow again.
    std::function<sim::SimTime()> live;
    // `maillab serve --classroom`: the class table takes the lesson's place.
    const ClassTable* class_table = nullptr;
    // Owns what the pointers above point into, for as long as the window
    // shows: in a browser the window outlives the function that opened it.
    std::shared_ptr<const void> keep_alive;
};

// Opens the window and plays content until it closes; in a browser it
// returns once the first frame is scheduled (see run_window).
int run_gui_app(const GuiOptions& options, GuiContent content);

}  // namespace maillab::viz
