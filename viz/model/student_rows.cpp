#include "viz/model/student_rows.hpp"

#include <algorithm>

namespace maillab::viz {

StudentRows student_rows(std::string_view account,
                         const std::map<sim::ConnId, std::vector<std::size_t>>& rows_by_connection,
                         const std::map<sim::ConnId, ConnectionEnds>& ends,
                         const std::map<sim::HostId, std::string>& students) {
    StudentRows out;
    std::vector<sim::HostId> servers;
    for (const auto& [conn, end] : ends) {
        const auto whose = students.find(end.client);
        if (whose == students.end() || whose->second != account) continue;
        if (std::find(out.lanes.begin(), out.lanes.end(), end.client) == out.lanes.end())
            out.lanes.push_back(end.client);
        if (std::find(servers.begin(), servers.end(), end.server) == servers.end())
            servers.push_back(end.server);
        if (const auto rows = rows_by_connection.find(conn); rows != rows_by_connection.end())
            out.events.insert(out.events.end(), rows->second.begin(), rows->second.end());
    }
    out.lanes.insert(out.lanes.end(), servers.begin(), servers.end());
    std::sort(out.events.begin(), out.events.end());
    return out;
}

}  // namespace maillab::viz
