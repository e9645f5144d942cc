#include "viz/model/gui_model.hpp"

#include <algorithm>

namespace maillab::viz {

void GuiModel::refresh() {
    for (; indexed_ < trace_.size(); ++indexed_) {
        if (trace_[indexed_].kind == sim::EventKind::LessonStep) lesson_steps_.push_back(indexed_);
    }
    const std::size_t cursor = playback_.cursor();
    if (cursor != shown_cursor_) {
        const auto step = std::upper_bound(lesson_steps_.begin(), lesson_steps_.end(), cursor);
        if (step != lesson_steps_.begin()) {
            before_ = timeline_.at(*std::prev(step));
        } else {
            before_ = shown_cursor_ == static_cast<std::size_t>(-1) ? timeline_.at(cursor) : now_;
        }
        now_ = timeline_.at(cursor);
        shown_cursor_ = cursor;
    }
    in_flight_ = in_flight_index_.at(trace_, now_, cursor, playback_.time());
}

}  // namespace maillab::viz
