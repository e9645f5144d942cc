#include "sim/trace/trace.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <stdexcept>

namespace maillab::sim {

PayloadRef Trace::store(std::string_view bytes) {
    if (bytes.empty()) return {};
    if (bytes.size() > kMaxFieldOctets) throw std::length_error("trace field too large");
    if (blocks_.empty() || blocks_.back().capacity - blocks_.back().used < bytes.size()) {
        // A field larger than a block gets a block of its own size; the rest of the
        // previous block stays unused (at most one field's worth).
        const std::uint64_t start =
            blocks_.empty() ? 0 : blocks_.back().start + blocks_.back().capacity;
        const std::size_t capacity = std::max(kBlockOctets, bytes.size());
        auto memory = capacity == kBlockOctets && spare_block_
                          ? std::move(spare_block_)
                          : std::make_unique_for_overwrite<char[]>(capacity);
        blocks_.push_back(Block{.start = start, .capacity = capacity, .bytes = std::move(memory)});
        release_over_budget();
    }
    Block& block = blocks_.back();
    std::memcpy(block.bytes.get() + block.used, bytes.data(), bytes.size());
    const PayloadRef ref{block.start + block.used, static_cast<std::uint32_t>(bytes.size())};
    block.used += bytes.size();
    arena_octets_ += bytes.size();
    held_octets_ += bytes.size();
    return ref;
}

void Trace::set_text_budget(std::size_t octets) {
    text_budget_ = octets;
    release_over_budget();
}

void Trace::release_over_budget() {
    if (text_budget_ == 0) return;
    // The newest block is being written: it always stays.
    while (held_octets_ > text_budget_ && first_held_block_ + 1 < blocks_.size()) {
        Block& old = blocks_[first_held_block_++];
        held_octets_ -= old.used;
        if (old.capacity == kBlockOctets && !spare_block_) {
            spare_block_ = std::move(old.bytes);
        } else {
            old.bytes.reset();
        }
    }
}

bool Trace::released(PayloadRef ref) const {
    if (ref.length == 0 || first_held_block_ == 0) return false;
    return ref.offset < blocks_[first_held_block_].start;
}

const Event& Trace::append(const EventRecord& r, SimTime t) {
    if (!events_.empty() && t < events_.back().t) {
        throw std::logic_error("trace time went backwards");
    }
    Event e;
    e.t = t;
    e.seq = events_.size();
    e.kind = r.kind;
    e.dir = r.dir;
    e.host = r.host;
    e.peer = r.peer;
    e.conn = r.conn;
    e.value = r.value;
    e.aux = r.aux;
    e.payload = store(r.payload);
    e.note = store(r.note);
    e.ref = store(r.ref);
    events_.push_back(e);
    for (const auto& listener : listeners_)
        listener(*this, events_.back());
    return events_.back();
}

std::string_view Trace::text(PayloadRef ref) const {
    if (ref.length == 0) return {};
    // The last block whose start is at or before the offset.
    const auto after = std::upper_bound(
        blocks_.begin(), blocks_.end(), ref.offset,
        [](std::uint64_t offset, const Block& block) { return offset < block.start; });
    if (after == blocks_.begin()) return {};
    const Block& block = *std::prev(after);
    const std::uint64_t within = ref.offset - block.start;
    if (!block.bytes || within + ref.length > block.used) return {};
    return {block.bytes.get() + within, ref.length};
}

}  // namespace maillab::sim
