#include "sim/trace/trace.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <stdexcept>

namespace maillab::sim {

namespace {

std::uint64_t word_at(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
}

// A hash of a text's first 128 octets (of all of them, when fewer), so a text
// and a longer one that begins with it land in the same slot. It samples the
// first and the last 24 of those octets: mail texts that begin alike (the
// same From: and To:) still differ there, and sampling keeps it cheap.
std::size_t recent_slot(std::string_view bytes, std::size_t slots) {
    const char* p = bytes.data();
    const std::size_t n = std::min<std::size_t>(bytes.size(), 128);  // at least 16
    const char* tail = p + n - 16;
    std::uint64_t h = (word_at(p) ^ n) * 0x9E3779B97F4A7C15u;
    h = (h ^ word_at(p + 8)) * 0xBF58476D1CE4E5B9u;
    h = (h ^ word_at(tail)) * 0x94D049BB133111EBu;
    h = (h ^ word_at(tail + 8)) * 0x9E3779B97F4A7C15u;
    if (n >= 48) {
        h = (h ^ word_at(p + 16)) * 0xBF58476D1CE4E5B9u;
        h = (h ^ word_at(tail - 8)) * 0x94D049BB133111EBu;
    }
    return static_cast<std::size_t>(h >> 32) & (slots - 1);
}

}  // namespace

std::optional<PayloadRef> Trace::shared(std::string_view bytes, std::size_t slot) {
    if (blocks_.empty()) return std::nullopt;
    const Block& newest = blocks_.back();
    const char* held = newest.bytes.get();
    // Whether the newest block holds `text` at `offset`. Any octets it holds
    // will do, not only one whole text: a reply the receiver reports is often
    // its segments, stored one after the other.
    const auto holds_at = [&](std::uint64_t offset, std::string_view text) {
        if (offset < newest.start) return false;
        const std::uint64_t at = offset - newest.start;
        if (at > newest.used || newest.used - at < text.size()) return false;
        // The first word first: most candidates differ there, and a call costs more.
        if (text.size() >= 8 && word_at(held + at) != word_at(text.data())) return false;
        return std::memcmp(held + at, text.data(), text.size()) == 0;
    };
    const auto length = static_cast<std::uint32_t>(bytes.size());
    const auto continue_at = [&](std::uint64_t at) -> std::optional<PayloadRef> {
        if (!holds_at(at, bytes)) return std::nullopt;
        continued_at_ = at + length;
        return PayloadRef{at, length};
    };
    if (const auto ref = continue_at(continued_at_)) return ref;
    // Events report lines without their CRLF: the next text may begin after one.
    if (holds_at(continued_at_, "\r\n")) {
        if (const auto ref = continue_at(continued_at_ + 2)) return ref;
    }
    const PayloadRef recent = recent_[slot];
    if (recent.length == 0 || !holds_at(recent.offset, bytes)) return std::nullopt;
    // An exact repeat (an explanation) leaves the continuation alone: the
    // segments of a reply still follow each other between their notes.
    if (recent.length != length) continued_at_ = recent.offset + length;
    return PayloadRef{recent.offset, length};
}

PayloadRef Trace::store(std::string_view bytes) {
    if (bytes.empty()) return {};
    if (bytes.size() > kMaxFieldOctets) throw std::length_error("trace field too large");
    const bool shareable = bytes.size() >= kShareMinOctets;
    const std::size_t slot = shareable ? recent_slot(bytes, kRecentSlots) : 0;
    if (shareable) {
        if (const auto ref = shared(bytes, slot)) return *ref;
    }
    if (blocks_.empty() || blocks_.back().capacity - blocks_.back().used < bytes.size()) {
        // A field larger than a block gets a block of its own size; the rest of the
        // previous block stays unused (at most one field's worth).
        const std::uint64_t start =
            blocks_.empty() ? 0 : blocks_.back().start + blocks_.back().capacity;
        const std::size_t capacity = std::max(kBlockOctets, bytes.size());
        // Uninitialised, as it is overwritten (make_unique_for_overwrite, which
        // Emscripten's libc++ lacks).
        auto memory = capacity == kBlockOctets && spare_block_
                          ? std::move(spare_block_)
                          : std::unique_ptr<char[]>(new char[capacity]);
        blocks_.push_back(Block{.start = start, .capacity = capacity, .bytes = std::move(memory)});
        release_over_budget();
    }
    Block& block = blocks_.back();
    std::memcpy(block.bytes.get() + block.used, bytes.data(), bytes.size());
    const PayloadRef ref{block.start + block.used, static_cast<std::uint32_t>(bytes.size())};
    block.used += bytes.size();
    arena_octets_ += bytes.size();
    held_octets_ += bytes.size();
    if (shareable) recent_[slot] = ref;
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
