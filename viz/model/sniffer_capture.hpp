// A sniffer a lesson placed on a link (its `sniff` action): which TCP
// segments crossed that link from the step it was placed on, found by the
// route each segment takes between its sender and its receiver. The window
// draws the sniffer on the link and lists what it captured, beside what the
// endpoints saw. The placement comes from the lesson, not from the trace, so
// traces stay as they were.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "sim/state/world_state.hpp"
#include "sim/trace/trace.hpp"

namespace maillab::viz {

struct LinkSniffer {
    std::string a;  // the link's ends, by host name
    std::string b;
    std::int64_t from_step = 0;  // the lesson step it is placed in (1 = first); 0: from the start
};

class SnifferCapture {
public:
    explicit SnifferCapture(LinkSniffer where) : where_(std::move(where)) {}

    // Reads the events added since the last call.
    void index(const sim::Trace& trace);

    const LinkSniffer& where() const { return where_; }
    // The link's ends once both hosts are in the trace.
    std::optional<std::pair<sim::HostId, sim::HostId>> hosts() const;
    // Placed and recording at the playhead (`cursor` events shown).
    bool active(std::size_t cursor) const { return start_ && cursor > *start_; }
    // Indices of the segments that crossed the link among events [0, cursor), in order.
    std::span<const std::size_t> segments(std::size_t cursor) const;

private:
    bool crosses(sim::HostId from, sim::HostId to);

    LinkSniffer where_;
    sim::WorldState network_;  // hosts and links only, for routes
    std::optional<std::size_t> start_;
    std::map<std::pair<sim::HostId, sim::HostId>, bool> crosses_;
    std::vector<std::size_t> segments_;
    std::size_t indexed_ = 0;
};

// What the endpoints saw of a segment: the command or reply whose TLS records
// it carries, found just before it on the sender's side; for a cleartext
// segment its own first line; empty for a handshake or TCP control data.
std::string endpoint_text(const sim::Trace& trace, std::size_t segment);

}  // namespace maillab::viz
