#include "viz/model/offline_actions.hpp"

#include <deque>

namespace maillab::viz {

namespace {

// How the device words them (sim/world/device_imap.cpp).
constexpr std::string_view kOfflinePrefix = "offline: ";
constexpr std::string_view kReplayPrefix = "pending ";
constexpr std::string_view kReplaySuffix = " replayed on the server";
constexpr std::string_view kWaitSuffix = "; the change waits for the next connection";

bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}
bool ends_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

}  // namespace

void OfflineActions::index(const sim::Trace& trace) {
    for (; indexed_ < trace.size(); ++indexed_) {
        const sim::Event& e = trace[indexed_];
        const std::string_view text = trace.payload(e);
        if (e.kind == sim::EventKind::DeviceAction && starts_with(text, kOfflinePrefix))
            marks_[e.host].push_back({indexed_, false});
        if (e.kind == sim::EventKind::SessionNote && starts_with(text, kReplayPrefix) &&
            ends_with(text, kReplaySuffix)) {
            marks_[e.host].push_back({indexed_, true});
        }
    }
}

std::vector<std::string_view> OfflineActions::pending(const sim::Trace& trace, sim::HostId device,
                                                      std::size_t cursor) const {
    std::deque<std::string_view> waiting;
    const auto it = marks_.find(device);
    if (it == marks_.end()) return {};
    for (const Mark& m : it->second) {
        if (m.event >= cursor) break;
        if (m.replay) {
            if (!waiting.empty()) waiting.pop_front();
            continue;
        }
        std::string_view text = trace.payload(trace[m.event]).substr(kOfflinePrefix.size());
        if (ends_with(text, kWaitSuffix)) text.remove_suffix(kWaitSuffix.size());
        waiting.push_back(text);
    }
    return {waiting.begin(), waiting.end()};
}

}  // namespace maillab::viz
