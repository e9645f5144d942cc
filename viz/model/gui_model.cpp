#include "viz/model/gui_model.hpp"

#include <algorithm>

namespace maillab::viz {

void GuiModel::refresh() {
    client_names_.index(trace_);
    for (SnifferCapture& sniffer : sniffers_)
        sniffer.index(trace_);
    if (class_table_ != nullptr && class_names_at_ != trace_.size()) {
        class_names_ = client_names_.names();
        for (const auto& [host, student] : class_table_->student_names())
            class_names_[host] = student;
        student_labels_ = viz::student_labels(*class_table_);
        class_names_at_ = trace_.size();
    }
    for (; indexed_ < trace_.size(); ++indexed_) {
        if (trace_[indexed_].kind == sim::EventKind::LessonStep) lesson_steps_.push_back(indexed_);
    }
    const std::size_t cursor = playback_.cursor();
    if (cursor != shown_cursor_) {
        // Forward moves fold in place (playing is always forward); backward
        // moves start again from the nearest checkpoint.
        const bool forward = shown_cursor_ != static_cast<std::size_t>(-1) &&
                             cursor > shown_cursor_ &&
                             cursor - shown_cursor_ <= sim::StateTimeline::kCheckpointInterval;
        const sim::WorldState previous = lesson_steps_.empty() ? now_ : sim::WorldState{};
        if (forward) {
            while (now_.applied < cursor)
                now_.apply(trace_, trace_[now_.applied]);
        } else {
            now_ = timeline_.at(cursor);
        }
        const auto step = std::upper_bound(lesson_steps_.begin(), lesson_steps_.end(), cursor);
        if (step != lesson_steps_.begin()) {
            if (before_index_ != *std::prev(step)) {
                before_index_ = *std::prev(step);
                before_ = timeline_.at(before_index_);
            }
        } else {
            before_ = shown_cursor_ == static_cast<std::size_t>(-1) ? now_ : previous;
            before_index_ = static_cast<std::size_t>(-1);
        }
        shown_cursor_ = cursor;
    }
    in_flight_ = in_flight_index_.at(trace_, now_, cursor, playback_.time());
}

}  // namespace maillab::viz
