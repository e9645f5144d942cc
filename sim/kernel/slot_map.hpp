// SlotMap: values named by ids that are a slot index and a generation, so a
// lookup is one index and one compare instead of a hash (TCP finds the
// endpoint of every arriving segment this way). An id outlives its value
// safely: once the slot is reused the generation differs and find() says no.
// Id 0 is never issued.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

namespace maillab::sim {

template <class T>
class SlotMap {
public:
    using Id = std::uint64_t;

    Id insert(T value) {
        std::uint32_t slot = 0;
        if (!free_.empty()) {
            slot = free_.back();
            free_.pop_back();
        } else {
            if (entries_.size() >= 0xFFFFFFFFu) throw std::length_error("SlotMap: too many values");
            slot = static_cast<std::uint32_t>(entries_.size());
            entries_.emplace_back();
        }
        Entry& e = entries_[slot];
        ++e.generation;  // starts at 1, so no id is 0
        e.live = true;
        e.value = std::move(value);
        ++size_;
        return (std::uint64_t{e.generation} << 32) | slot;
    }
    // The value named by id, or nullptr when it was erased (or never was).
    T* find(Id id) {
        const auto slot = static_cast<std::uint32_t>(id);
        if (slot >= entries_.size()) return nullptr;
        Entry& e = entries_[slot];
        return e.live && e.generation == static_cast<std::uint32_t>(id >> 32) ? &e.value : nullptr;
    }
    const T* find(Id id) const { return const_cast<SlotMap*>(this)->find(id); }
    bool contains(Id id) const { return find(id) != nullptr; }
    // Destroys the value; false if it was already gone.
    bool erase(Id id) {
        T* value = find(id);
        if (value == nullptr) return false;
        const auto slot = static_cast<std::uint32_t>(id);
        entries_[slot].live = false;
        T doomed = std::exchange(*value, T{});  // destroyed after the map is consistent
        free_.push_back(slot);
        --size_;
        return true;
    }
    std::size_t size() const { return size_; }
    // Calls f(value) for every live value, in slot order.
    template <class F>
    void for_each(F&& f) const {
        for (const Entry& e : entries_) {
            if (e.live) f(e.value);
        }
    }

private:
    struct Entry {
        std::uint32_t generation = 0;
        bool live = false;
        T value{};
    };
    std::vector<Entry> entries_;
    std::vector<std::uint32_t> free_;
    std::size_t size_ = 0;
};

}  // namespace maillab::sim
