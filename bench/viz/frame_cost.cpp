// bench/viz: the CPU cost of building one frame of the window (all panels,
// a lesson's sniffer included, no OpenGL) for a trace of 1,000 events and one of 1,000,000, with the
// playhead at the end; and the time to seek to random places in the large
// trace. Target: the large trace costs at most 1.2x the small one per frame,
// and a seek takes less than one frame (16.7 ms).
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "bench/viz/synthetic_trace.hpp"
#include "viz/app/window.hpp"
#include "viz/model/gui_model.hpp"
#include "viz/panels/inspector_panel.hpp"
#include "viz/panels/sequence_panel.hpp"
#include "viz/panels/state_panel.hpp"
#include "viz/panels/timeline_panel.hpp"
#include "viz/panels/topology_panel.hpp"
#include "viz/panels/wire_panel.hpp"
#include "viz/style/fonts.hpp"
#include "viz/style/theme.hpp"

using namespace maillab;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kFrames = 200;

double frame_microseconds(const sim::Trace& trace, viz::Fonts& fonts, const viz::Theme& theme) {
    viz::GuiModel model{trace};
    // A sniffer on the laptop's link: the network draws it and the wire panel lists its capture.
    model.add_sniffer({"laptop", "internet", 0});
    model.playback().end();
    viz::TopologyPanel topology;
    viz::SequencePanel sequence;
    viz::StatePanel state;
    viz::InspectorPanel inspector;
    viz::WirePanel wire;
    viz::TimelinePanel timeline;
    viz::Panel* panels[] = {&topology, &sequence, &state, &inspector, &wire, &timeline};
    viz::PresenterScale presenter;
    const viz::FrameContext frame{fonts, theme, 1.0f, presenter, 1.0 / 60};
    auto one_frame = [&] {
        ImGui::GetIO().DeltaTime = 1.0f / 60;
        ImGui::NewFrame();
        model.refresh();
        for (auto* panel : panels) {
            ImGui::Begin(panel->title());
            panel->draw(frame, model);
            ImGui::End();
        }
        ImGui::Render();
    };
    one_frame();  // indexes the trace once, as the window does on its first frame
    // The median frame: on a machine shared with other work, the mean is
    // mostly the frames that were interrupted.
    std::vector<double> frames;
    frames.reserve(kFrames);
    for (int i = 0; i < kFrames; ++i) {
        const auto start = Clock::now();
        one_frame();
        frames.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    std::nth_element(frames.begin(), frames.begin() + kFrames / 2, frames.end());
    return frames[kFrames / 2];
}

double seek_microseconds(const sim::Trace& trace) {
    viz::GuiModel model{trace};
    std::mt19937 rng{1};
    std::uniform_int_distribution<std::size_t> where{0, trace.size()};
    model.playback().end();
    model.refresh();
    const auto start = Clock::now();
    constexpr int kSeeks = 200;
    for (int i = 0; i < kSeeks; ++i) {
        model.playback().seek_event(where(rng));
        model.refresh();
    }
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count() / kSeeks;
}

}  // namespace

int main() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1920, 1080);
    viz::Theme theme{viz::ThemeKind::Dark};
    theme.apply(1.0f);
    viz::Fonts fonts = viz::load_fonts(1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);

    sim::Trace small, large;
    bench::fill_synthetic_trace(small, 1'000);
    bench::fill_synthetic_trace(large, 1'000'000);
    const double small_us = frame_microseconds(small, fonts, theme);
    const double large_us = frame_microseconds(large, fonts, theme);
    const double seek_us = seek_microseconds(large);
    std::printf("frame, 1,000 events:      %8.1f us\n", small_us);
    std::printf("frame, 1,000,000 events:  %8.1f us\n", large_us);
    std::printf("ratio large/small:        %8.2f   (target <= 1.2)\n", large_us / small_us);
    std::printf("seek in 1,000,000 events: %8.1f us  (target < 16,667 us, one frame)\n", seek_us);
    ImGui::DestroyContext();
    return 0;
}
