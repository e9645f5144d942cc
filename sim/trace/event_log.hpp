// EventLog: a trace's events in one contiguous array, so views and exports
// can take a span of them. A long run appends hundreds of thousands; a
// std::vector copies them all again at each doubling, into fresh pages it
// must first fault in (a fifth of the simulator's time in the sim bench).
// Events are trivially copyable, so this array grows with std::realloc,
// which extends a block in place or, once it is large, moves it by
// remapping its pages instead of copying them.
#pragma once

#include <cstddef>
#include <span>
#include <type_traits>

#include "sim/trace/event.hpp"

namespace maillab::sim {

class EventLog {
public:
    static_assert(std::is_trivially_copyable_v<Event>, "EventLog moves events with realloc");

    EventLog() = default;
    ~EventLog();
    EventLog(EventLog&& other) noexcept;
    EventLog& operator=(EventLog&& other) noexcept;
    EventLog(const EventLog&) = delete;
    EventLog& operator=(const EventLog&) = delete;

    // Throws std::bad_alloc when the array cannot grow (nothing is lost then).
    void push_back(const Event& e);

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const Event& operator[](std::size_t index) const { return data_[index]; }
    const Event& back() const { return data_[size_ - 1]; }
    std::span<const Event> all() const { return {data_, size_}; }

private:
    void grow();

    Event* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

}  // namespace maillab::sim
