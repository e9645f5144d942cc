#include "sim/kernel/event_queue.hpp"

#include <stdexcept>
#include <utility>

namespace maillab::sim {

EventQueue::~EventQueue() {
    // Destroying a callback may destroy what it captured, and that may cancel
    // or schedule events: let it find an empty queue, not one half torn down.
    const std::vector<Slot> doomed = std::exchange(slots_, {});
    heap_.clear();
    free_slots_.clear();
}

EventId EventQueue::push(SimTime t, Callback callback) {
    std::uint32_t slot = 0;
    if (!free_slots_.empty()) {
        slot = free_slots_.back();
        free_slots_.pop_back();
    } else {
        if (slots_.size() >= EventId::kNoSlot)
            throw std::length_error("EventQueue: too many events");
        slot = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
    }
    const std::uint64_t seq = next_seq_++;
    slots_[slot].callback = std::move(callback);
    slots_[slot].seq = seq;
    heap_.emplace_back();
    sift_up(heap_.size() - 1, Key{t, seq, slot});
    return EventId{slot, seq};
}

bool EventQueue::cancel(EventId id) {
    if (id.slot >= slots_.size()) return false;
    const Slot& s = slots_[id.slot];
    if (s.seq != id.seq || s.heap_index == Slot::kNotQueued) return false;
    const Callback doomed = remove_at(s.heap_index);
    return true;
}

std::optional<EventId> EventQueue::reschedule(EventId id, SimTime t) {
    if (id.slot >= slots_.size()) return std::nullopt;
    Slot& s = slots_[id.slot];
    if (s.seq != id.seq || s.heap_index == Slot::kNotQueued) return std::nullopt;
    s.seq = next_seq_++;
    const std::size_t i = s.heap_index;
    const Key key{t, s.seq, id.slot};
    if (i > 0 && key.before(heap_[(i - 1) / 2])) {
        sift_up(i, key);
    } else {
        sift_down(i, key);
    }
    return EventId{id.slot, s.seq};
}

EventQueue::Due EventQueue::pop() {
    const SimTime t = heap_.front().t;
    return Due{t, remove_at(0)};
}

EventQueue::Callback EventQueue::remove_at(std::size_t i) {
    Slot& s = slots_[heap_[i].slot];
    Callback callback;
    callback.swap(s.callback);
    s.heap_index = Slot::kNotQueued;
    free_slots_.push_back(heap_[i].slot);
    const Key last = heap_.back();
    heap_.pop_back();
    if (i < heap_.size()) {  // the last key fills the hole, up or down from there
        if (i > 0 && last.before(heap_[(i - 1) / 2])) {
            sift_up(i, last);
        } else {
            sift_down(i, last);
        }
    }
    return callback;
}

void EventQueue::place(std::size_t i, const Key& key) {
    heap_[i] = key;
    slots_[key.slot].heap_index = static_cast<std::uint32_t>(i);
}

void EventQueue::sift_up(std::size_t i, Key key) {
    while (i > 0) {
        const std::size_t parent = (i - 1) / 2;
        if (!key.before(heap_[parent])) break;
        place(i, heap_[parent]);
        i = parent;
    }
    place(i, key);
}

void EventQueue::sift_down(std::size_t i, Key key) {
    const std::size_t n = heap_.size();
    for (;;) {
        std::size_t child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && heap_[child + 1].before(heap_[child])) ++child;
        if (!heap_[child].before(key)) break;
        place(i, heap_[child]);
        i = child;
    }
    place(i, key);
}

}  // namespace maillab::sim
