// Where each host sits in the topology view: devices and real clients on the
// left, routers in the middle, DNS above them, servers on the right. Pure
// geometry (no ImGui), so it is tested without a window.
#pragma once

#include <map>
#include <vector>

#include "sim/state/world_state.hpp"

namespace maillab::viz {

struct Point {
    float x = 0;
    float y = 0;
};

// Positions in the unit square [0,1]², keyed by host.
std::map<sim::HostId, Point> layout_hosts(const sim::WorldState& world);

// The hosts a packet passes from `from` to `to` (both included), by the
// shortest path in hops over the world's links; just {from, to} if none.
std::vector<sim::HostId> path_between(const sim::WorldState& world, sim::HostId from,
                                      sim::HostId to);

// The point a fraction `progress` of the way along a polyline.
Point along(const std::vector<Point>& polyline, float progress);

}  // namespace maillab::viz
