#include "viz/model/wire_records.hpp"

#include <algorithm>

namespace maillab::viz {

namespace {

bool is_plaintext(sim::EventKind kind) {
    return kind == sim::EventKind::Command || kind == sim::EventKind::Reply;
}

// The records the sender emitted right after its plaintext event `sent`.
std::vector<std::size_t> records_after(const sim::Trace& trace, std::size_t sent) {
    const sim::Event& e = trace[sent];
    std::vector<std::size_t> out;
    const std::size_t stop = std::min(trace.size(), sent + kWireSearchWindow);
    for (std::size_t i = sent + 1; i < stop; ++i) {
        const sim::Event& r = trace[i];
        if (r.conn != e.conn || r.host != e.host) continue;
        if (r.kind == sim::EventKind::TlsRecord && r.dir == e.dir) {
            out.push_back(i);
        } else if (is_plaintext(r.kind) && r.dir == e.dir) {
            break;  // the next plaintext of this sender starts its own records
        } else if (!out.empty()) {
            break;
        }
    }
    return out;
}

}  // namespace

std::vector<std::size_t> wire_records(const sim::Trace& trace, std::size_t event) {
    if (event >= trace.size()) return {};
    const sim::Event& e = trace[event];
    if (!is_plaintext(e.kind) || e.conn == sim::kNoConn) return {};
    // The sender of a command is the client; of a reply, the server. The event's own
    // host is the sender when the event is the sender's copy.
    auto found = records_after(trace, event);
    if (!found.empty()) return found;
    const std::string_view text = trace.payload(e);
    const std::size_t stop = event > kWireSearchWindow ? event - kWireSearchWindow : 0;
    for (std::size_t i = event; i-- > stop;) {
        const sim::Event& s = trace[i];
        if (s.kind == e.kind && s.conn == e.conn && s.host != e.host && s.dir == e.dir &&
            trace.payload(s) == text) {
            return records_after(trace, i);
        }
    }
    return {};
}

}  // namespace maillab::viz
