// Pool: objects lent out by index and given back for reuse. Packets and
// segments on their way through the network live in pools: a callback can
// capture a small index (std::function keeps 16 bytes inline, a shared_ptr
// and `this` already need a heap block) and each object's buffers are
// allocated once rather than once per packet. Objects never move, so a
// reference stays good while more are lent out; T may be incomplete where
// the pool is declared.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace maillab::sim {

template <class T>
class Pool {
public:
    using Index = std::uint32_t;

    // An object given back earlier, as it was left, or a new one.
    Index lend() {
        if (free_.empty()) {
            items_.push_back(std::make_unique<T>());
            return static_cast<Index>(items_.size() - 1);
        }
        const Index i = free_.back();
        free_.pop_back();
        return i;
    }
    void give_back(Index i) { free_.push_back(i); }

    T& operator[](Index i) { return *items_[i]; }
    const T& operator[](Index i) const { return *items_[i]; }
    std::size_t lent() const { return items_.size() - free_.size(); }

private:
    std::vector<std::unique_ptr<T>> items_;
    std::vector<Index> free_;
};

}  // namespace maillab::sim
