#include "viz/model/playback.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace maillab::viz {

namespace {

std::size_t first_lesson_step(const sim::Trace& trace) {
    for (std::size_t i = 0; i < trace.size(); ++i) {
        if (trace[i].kind == sim::EventKind::LessonStep) return i;
    }
    return 0;
}

}  // namespace

Playback::Playback(const sim::Trace& trace) : trace_(trace), start_(first_lesson_step(trace)) {
    seek_event(start_);
}

void Playback::faster() {
    if (speed_index_ + 1 < std::size(kSpeeds)) ++speed_index_;
}

void Playback::slower() {
    if (speed_index_ > 0) --speed_index_;
}

std::size_t Playback::count_at_or_before(sim::SimTime t) const {
    const auto events = trace_.events();
    const auto it = std::upper_bound(events.begin(), events.end(), t,
                                     [](sim::SimTime v, const sim::Event& e) { return v < e.t; });
    return static_cast<std::size_t>(it - events.begin());
}

void Playback::advance(double wall_seconds) {
    if (!playing_) return;
    if (at_end()) {
        playing_ = false;
        return;
    }
    const sim::SimTime next = trace_[cursor_].t;
    if (next - time_ > kIdleGapUs) time_ = next - kIdleLeadUs;
    time_ += static_cast<sim::SimTime>(std::llround(wall_seconds * speed() * 1e6));
    cursor_ = std::max(cursor_, count_at_or_before(time_));
}

void Playback::step_forward() {
    if (at_end()) return;
    time_ = trace_[cursor_].t;
    ++cursor_;
}

void Playback::step_back() {
    if (cursor_ <= start_) return;
    --cursor_;
    time_ = cursor_ == 0 ? 0 : trace_[cursor_ - 1].t;
}

void Playback::next_lesson_step() {
    for (std::size_t i = cursor_; i < trace_.size(); ++i) {
        if (trace_[i].kind == sim::EventKind::LessonStep && i > cursor_) {
            seek_event(i);
            return;
        }
    }
    end();
}

void Playback::previous_lesson_step() {
    for (std::size_t i = cursor_; i-- > 0;) {
        if (trace_[i].kind == sim::EventKind::LessonStep && i + 1 < cursor_) {
            seek_event(i);
            return;
        }
    }
    home();
}

void Playback::seek_event(std::size_t count) {
    cursor_ = std::min(count, trace_.size());
    time_ = cursor_ == 0 ? 0 : trace_[cursor_ - 1].t;
}

void Playback::seek_time(sim::SimTime t) {
    time_ = std::max<sim::SimTime>(t, 0);
    cursor_ = count_at_or_before(time_);
}

}  // namespace maillab::viz
