// Trace: the one append-only event log of a world. Everything that happens is
// appended here; the GUI, exports, lesson checkpoints and tests only read it.
// Text lives in a byte arena so events stay small and copying is cheap. The
// arena grows in blocks that never move: appending never copies what is
// already held (a serve session that moved 100 MB of mail used to spend a
// tenth of its time re-copying a doubling buffer).
//
// A text the newest block already holds is not written again: the same
// explanation on every RCPT, the reply the receiving end reports after the
// sending end did, a segment cut from that reply. A mail conversation's text
// used to be stored about twice over; shared, the arena holds half as much,
// so serve's budget keeps twice the history. Sharing stays within one block,
// so a budget still releases text oldest first.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/trace/event.hpp"
#include "sim/trace/event_log.hpp"

namespace maillab::sim {

// What a producer hands to Trace::append; the trace assigns seq and copies text.
struct EventRecord {
    SimTime t = 0;
    EventKind kind = EventKind::SessionNote;
    Direction dir = Direction::None;
    HostId host = kNoHost;
    HostId peer = kNoHost;
    ConnId conn = kNoConn;
    std::int64_t value = 0;
    std::int64_t aux = 0;
    std::string_view payload;
    std::string_view note;
    std::string_view ref;
};

class Trace {
public:
    // Largest text one event may carry; larger payloads are a producer bug.
    static constexpr std::size_t kMaxFieldOctets = 0xFFFFFFFFu;

    using Listener = std::function<void(const Trace&, const Event&)>;

    // Appends an event. Time never goes backwards: a record older than the
    // last event is a caller mistake and throws std::logic_error.
    const Event& append(const EventRecord& record) { return append(record, record.t); }
    // The same, at time t (record.t is ignored): the simulator's clock stamps it.
    const Event& append(const EventRecord& record, SimTime t);

    std::size_t size() const { return events_.size(); }
    bool empty() const { return events_.empty(); }
    const Event& operator[](std::size_t index) const { return events_[index]; }
    std::span<const Event> events() const { return events_.all(); }

    std::string_view text(PayloadRef ref) const;
    std::string_view payload(const Event& e) const { return text(e.payload); }
    std::string_view note(const Event& e) const { return text(e.note); }
    std::string_view ref(const Event& e) const { return text(e.ref); }

    // Octets of text written to the arena (a shared text counts once), for memory reports.
    std::size_t arena_octets() const { return arena_octets_; }
    // Octets of text still held (less than arena_octets() once a budget released some).
    std::size_t held_octets() const { return held_octets_; }

    // A long-running world (maillab serve) keeps its memory bounded: once more
    // than `octets` of text are held, the oldest blocks are released. Their
    // events keep their place, times, kinds and sizes; their text reads as
    // empty and released() says why. 0 (the default) keeps everything.
    void set_text_budget(std::size_t octets);
    bool released(PayloadRef ref) const;

    // Called after each append (the GUI's live view, serve's --trace writer).
    void subscribe(Listener listener) { listeners_.push_back(std::move(listener)); }

private:
    PayloadRef store(std::string_view bytes);
    // The newest block's copy of bytes, when it recently stored them (or a
    // text they begin, or continue the last shared text of). slot is theirs
    // in recent_.
    std::optional<PayloadRef> shared(std::string_view bytes, std::size_t slot);
    void release_over_budget();

    // A stretch of the arena: offsets [start, start + capacity) live at bytes.
    struct Block {
        std::uint64_t start = 0;
        std::size_t capacity = 0;
        std::size_t used = 0;
        std::unique_ptr<char[]> bytes;
    };
    static constexpr std::size_t kBlockOctets = std::size_t{4} << 20;

    EventLog events_;
    std::vector<Block> blocks_;  // ascending start
    std::size_t arena_octets_ = 0;
    std::size_t held_octets_ = 0;
    std::size_t text_budget_ = 0;
    std::size_t first_held_block_ = 0;  // blocks before it are released
    // A released block's memory, kept for the next block: a serve that runs
    // at its budget writes into pages it already has instead of faulting in
    // fresh ones for every 4 MiB of trace.
    std::unique_ptr<char[]> spare_block_;

    // Texts shorter than this are copied: comparing would cost as much.
    static constexpr std::size_t kShareMinOctets = 16;
    static constexpr std::size_t kRecentSlots = 4096;
    // The last text stored, by a hash of its first octets; direct-mapped, so
    // lookups cost one probe and the memory stays fixed.
    std::vector<PayloadRef> recent_ = std::vector<PayloadRef>(kRecentSlots);
    // After a text matched the start of a longer one, where it ended: the next
    // segment of a reply usually continues there.
    std::uint64_t continued_at_ = 0;

    std::vector<Listener> listeners_;
};

}  // namespace maillab::sim
