// EventQueue: the simulator's pending events, earliest (time, sequence) first.
// A binary heap of small keys points into a pool of slots that hold the
// callbacks, so reordering the heap never moves a std::function, and each slot
// knows its heap position, so a cancelled event leaves the heap at once
// instead of waiting there until its time (re-armed timers used to pile up
// by the ten thousand and make every pop slower).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "sim/trace/event.hpp"

namespace maillab::sim {

// Names one scheduled event: the slot it waits in, and its sequence number,
// which tells it apart from earlier and later occupants of that slot.
struct EventId {
    static constexpr std::uint32_t kNoSlot = 0xFFFFFFFFu;
    std::uint32_t slot = kNoSlot;
    std::uint64_t seq = 0;
};

class EventQueue {
public:
    using Callback = std::function<void()>;

    struct Due {
        SimTime t = 0;
        Callback callback;
    };

    EventQueue() = default;
    ~EventQueue();
    EventQueue(const EventQueue&) = delete;
    EventQueue& operator=(const EventQueue&) = delete;

    // Sequence numbers grow with every push: events at the same time come out FIFO.
    EventId push(SimTime t, Callback callback);
    // False when the event already came out, was cancelled or never existed.
    bool cancel(EventId id);
    // Moves a waiting event to time t with a fresh sequence number, keeping
    // its callback: exactly cancel() then push() of the same callback, without
    // destroying and rebuilding it. Empty when the event is no longer waiting.
    std::optional<EventId> reschedule(EventId id, SimTime t);
    // Removes the earliest event; the queue must not be empty.
    Due pop();

    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    // When the earliest event is due; the queue must not be empty.
    SimTime next_time() const { return heap_.front().t; }

private:
    struct Key {
        SimTime t;
        std::uint64_t seq;
        std::uint32_t slot;
        bool before(const Key& other) const { return t != other.t ? t < other.t : seq < other.seq; }
    };
    struct Slot {
        static constexpr std::uint32_t kNotQueued = 0xFFFFFFFFu;
        Callback callback;
        std::uint64_t seq = 0;
        std::uint32_t heap_index = kNotQueued;
    };

    // Takes the key at heap index i out of the heap and frees its slot;
    // returns the callback so the caller destroys or runs it once all is consistent.
    Callback remove_at(std::size_t i);
    void place(std::size_t i, const Key& key);
    void sift_up(std::size_t i, Key key);
    void sift_down(std::size_t i, Key key);

    std::vector<Key> heap_;
    std::vector<Slot> slots_;
    std::vector<std::uint32_t> free_slots_;
    std::uint64_t next_seq_ = 0;
};

}  // namespace maillab::sim
