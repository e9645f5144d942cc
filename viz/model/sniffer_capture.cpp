#include "viz/model/sniffer_capture.hpp"

#include <algorithm>

#include "sim/export/text_layout.hpp"
#include "viz/model/topology_layout.hpp"
#include "viz/model/wire_records.hpp"
#include "viz/model/wire_view.hpp"

namespace maillab::viz {

namespace {

bool is_segment(sim::EventKind kind) {
    return kind == sim::EventKind::TcpSegment || kind == sim::EventKind::TcpRetransmit;
}

std::string printable_first_line(std::string_view text) {
    return sim::printable(sim::first_line(text));
}

}  // namespace

std::optional<std::pair<sim::HostId, sim::HostId>> SnifferCapture::hosts() const {
    const sim::HostId a = network_.host_named(where_.a);
    const sim::HostId b = network_.host_named(where_.b);
    if (a == sim::kNoHost || b == sim::kNoHost) return std::nullopt;
    return std::pair{a, b};
}

bool SnifferCapture::crosses(sim::HostId from, sim::HostId to) {
    const auto key = std::pair{from, to};
    if (const auto it = crosses_.find(key); it != crosses_.end()) return it->second;
    const auto ends = hosts();
    bool found = false;
    if (ends) {
        const std::vector<sim::HostId> path = path_between(network_, from, to);
        for (std::size_t i = 0; i + 1 < path.size() && !found; ++i) {
            found = (path[i] == ends->first && path[i + 1] == ends->second) ||
                    (path[i] == ends->second && path[i + 1] == ends->first);
        }
    }
    crosses_[key] = found;
    return found;
}

void SnifferCapture::index(const sim::Trace& trace) {
    for (; indexed_ < trace.size(); ++indexed_) {
        const sim::Event& e = trace[indexed_];
        if (e.kind == sim::EventKind::HostAdded || e.kind == sim::EventKind::LinkAdded) {
            network_.apply(trace, e);
            crosses_.clear();  // a new host or link may change routes
        } else if (e.kind == sim::EventKind::LessonStep && !start_ && e.value >= where_.from_step) {
            start_ = indexed_;
        }
        if (!start_ && where_.from_step == 0) start_ = indexed_;
        if (start_ && is_segment(e.kind) && crosses(e.host, e.peer)) segments_.push_back(indexed_);
    }
}

std::span<const std::size_t> SnifferCapture::segments(std::size_t cursor) const {
    const auto end = std::lower_bound(segments_.begin(), segments_.end(), cursor);
    return {segments_.data(), static_cast<std::size_t>(end - segments_.begin())};
}

std::string endpoint_text(const sim::Trace& trace, std::size_t segment) {
    if (segment >= trace.size()) return {};
    const sim::Event& seg = trace[segment];
    const std::string_view bytes = trace.payload(seg);
    const WireCapture capture = capture_of(bytes);
    if (capture.readable) return capture.lines.empty() ? std::string{} : capture.lines.front();
    // The sender records its plaintext, then the records it sealed it into, then the segment.
    const std::size_t stop = segment > kWireSearchWindow ? segment - kWireSearchWindow : 0;
    for (std::size_t i = segment; i-- > stop;) {
        const sim::Event& e = trace[i];
        if (e.conn != seg.conn || e.host != seg.host || e.dir != seg.dir) continue;
        if (e.kind == sim::EventKind::TlsRecord) continue;
        if (e.kind != sim::EventKind::Command && e.kind != sim::EventKind::Reply) return {};
        // Only when this segment carries that text's records (not a handshake after STLS).
        for (const std::size_t r : wire_records(trace, i)) {
            if (bytes.find(trace.payload(trace[r])) != std::string_view::npos)
                return printable_first_line(trace.payload(e));
        }
        return {};
    }
    return {};
}

}  // namespace maillab::viz
