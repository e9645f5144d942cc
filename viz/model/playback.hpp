// Playback: the playhead over a trace — play, pause, step one event or one
// lesson step, step back, seek, and a speed from 0.1× upwards. Idle stretches
// of virtual time (a queue retry minutes away) are skipped while playing, so
// nothing takes minutes to watch. No ImGui here: panels and tests share it.
#pragma once

#include <cstddef>

#include "sim/trace/trace.hpp"

namespace maillab::viz {

class Playback {
public:
    static constexpr double kSpeeds[] = {0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64};
    static constexpr std::size_t kDefaultSpeedIndex = 3;
    // While playing, a gap in virtual time longer than this is jumped over,
    // stopping kIdleLeadUs before the next event so its animation is seen.
    static constexpr sim::SimTime kIdleGapUs = 1'500'000;
    static constexpr sim::SimTime kIdleLeadUs = 300'000;

    // The playhead starts at start(): a lesson's world as built, before its first step.
    explicit Playback(const sim::Trace& trace);

    // Events shown so far: trace[0 .. cursor) have happened.
    std::size_t cursor() const { return cursor_; }
    // Where a lesson begins: after the events that build its world (hosts,
    // links, services, mailboxes, all at time 0) and before its first step,
    // so the network is drawn before anything happens. 0 for a trace
    // without lesson steps (serve's).
    std::size_t start() const { return start_; }
    sim::SimTime time() const { return time_; }
    bool playing() const { return playing_; }
    double speed() const { return kSpeeds[speed_index_]; }
    bool at_end() const { return cursor_ >= trace_.size(); }

    void play() { playing_ = true; }
    void pause() { playing_ = false; }
    void toggle() { playing_ = !playing_; }
    void faster();
    void slower();

    // Moves virtual time forward by wall_seconds × speed (when playing).
    void advance(double wall_seconds);
    void step_forward();
    void step_back();  // not before start()
    // To just after the next / before the previous LessonStep event.
    void next_lesson_step();
    void previous_lesson_step();
    void seek_event(std::size_t count);
    void seek_time(sim::SimTime t);
    void home() { seek_event(start_); }
    void end() { seek_event(trace_.size()); }

private:
    std::size_t count_at_or_before(sim::SimTime t) const;

    const sim::Trace& trace_;
    std::size_t start_ = 0;
    std::size_t cursor_ = 0;
    sim::SimTime time_ = 0;
    bool playing_ = false;
    std::size_t speed_index_ = kDefaultSpeedIndex;
};

}  // namespace maillab::viz
