// What a device did while offline and has not yet replayed on the server:
// the device traces each such action ("offline: deletes ... ; the change
// waits for the next connection") and, once back, each replay ("pending
// Delete replayed on the server"), in order. The state panel lists what is
// still waiting under the device. Indexed as the trace grows.
#pragma once

#include <cstddef>
#include <map>
#include <string_view>
#include <vector>

#include "sim/trace/trace.hpp"

namespace maillab::viz {

class OfflineActions {
public:
    void index(const sim::Trace& trace);
    // The device's actions still waiting at the playhead (events [0, cursor)),
    // oldest first, as the device described them.
    std::vector<std::string_view> pending(const sim::Trace& trace, sim::HostId device,
                                          std::size_t cursor) const;

private:
    struct Mark {
        std::size_t event;
        bool replay;  // false: an action done offline
    };
    std::size_t indexed_ = 0;
    std::map<sim::HostId, std::vector<Mark>> marks_;
};

}  // namespace maillab::viz
