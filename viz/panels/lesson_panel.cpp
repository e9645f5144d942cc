#include "viz/panels/lesson_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "viz/model/lesson_outline.hpp"
#include "viz/panels/fitted_text.hpp"

namespace maillab::viz {

// Before the first step: what the lesson will go through, so the window a
// class sees first is not an empty panel.
void LessonPanel::draw_outline(const FrameContext& frame, const sim::Trace& trace) {
    if (outline_.empty()) outline_ = lesson_outline(trace, predicted_steps_);
    ImGui::PushFont(frame.fonts.heading);
    text_wrapped_at_spaces("In this lesson");
    ImGui::PopFont();
    ImGui::Separator();
    ImGui::BeginChild("##outline", ImVec2(0, 0), false);
    for (const std::string& line : outline_)
        text_wrapped_at_spaces(line);
    ImGui::Spacing();
    text_wrapped_at_spaces("Press Play or → to start the lesson.");
    ImGui::EndChild();
}

void LessonPanel::draw(const FrameContext& frame, GuiModel& model) {
    const sim::Trace& trace = model.trace();
    for (; indexed_ < trace.size(); ++indexed_) {
        const auto kind = trace[indexed_].kind;
        if (kind == sim::EventKind::LessonStep || kind == sim::EventKind::Narration ||
            kind == sim::EventKind::Checkpoint) {
            lesson_events_.push_back(indexed_);
        }
    }
    const std::size_t cursor = model.playback().cursor();
    const auto shown_end = std::lower_bound(lesson_events_.begin(), lesson_events_.end(), cursor);
    if (lesson_events_.empty()) {
        ImGui::TextDisabled("This trace has no lesson steps.");
        return;
    }
    // The current step: the last LessonStep at or before the playhead.
    auto step = shown_end;
    while (step != lesson_events_.begin()) {
        --step;
        if (trace[*step].kind == sim::EventKind::LessonStep) break;
    }
    if (shown_end == lesson_events_.begin() || trace[*step].kind != sim::EventKind::LessonStep) {
        draw_outline(frame, trace);
        return;
    }
    ImGui::PushFont(frame.fonts.heading);
    const std::string title = "Step " + std::to_string(trace[*step].value) + ": " +
                              std::string{trace.payload(trace[*step])};
    text_wrapped_at_spaces(title);
    ImGui::PopFont();
    ImGui::Separator();
    ImGui::BeginChild("##narration", ImVec2(0, 0), false);
    for (auto it = step + 1; it != lesson_events_.end(); ++it) {
        const sim::Event& e = trace[*it];
        if (e.kind == sim::EventKind::LessonStep) break;
        const std::string_view text = trace.payload(e);
        if (e.kind == sim::EventKind::Narration) {
            text_wrapped_at_spaces(text);
            ImGui::Spacing();
        } else if (*it < cursor) {
            const bool passed = e.value != 0;
            ImGui::PushStyleColor(ImGuiCol_Text,
                                  passed ? frame.theme.success() : frame.theme.failure());
            const std::string line = std::string{passed ? "✓ " : "✗ "} + std::string{text};
            text_wrapped_at_spaces(line);
            ImGui::PopStyleColor();
        }
    }
    ImGui::EndChild();
}

}  // namespace maillab::viz
