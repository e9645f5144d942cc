// The sequence chart for one student of a class: the rows of the sessions
// their apps opened (a student's laptop and phone, every reconnect), and
// the lanes those sessions run between. The class table says which client
// is whose.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/trace/trace.hpp"

namespace maillab::viz {

struct ConnectionEnds {
    sim::HostId client = sim::kNoHost;
    sim::HostId server = sim::kNoHost;
};

struct StudentRows {
    std::vector<std::size_t> events;  // trace indices, in order
    std::vector<sim::HostId> lanes;   // the student's clients, then the servers, as first met
};

// `rows_by_connection`: each connection's rows (trace indices, in order);
// `students`: each client host's account, as far as the class table knows.
StudentRows student_rows(std::string_view account,
                         const std::map<sim::ConnId, std::vector<std::size_t>>& rows_by_connection,
                         const std::map<sim::ConnId, ConnectionEnds>& ends,
                         const std::map<sim::HostId, std::string>& students);

}  // namespace maillab::viz
