#include "viz/model/topology_layout.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <string>

namespace maillab::viz {

namespace {

enum class Column { Left, Middle, Right };

Column column_of(const std::string& role) {
    if (role == "server") return Column::Right;
    if (role == "router" || role == "dns") return Column::Middle;
    return Column::Left;
}

void spread(const std::vector<sim::HostId>& ids, float x, float top, float bottom,
            std::map<sim::HostId, Point>& out) {
    const auto n = static_cast<float>(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const float y = top + (bottom - top) * (static_cast<float>(i) + 0.5f) / n;
        out[ids[i]] = {x, y};
    }
}

}  // namespace

std::map<sim::HostId, Point> layout_hosts(const sim::WorldState& world) {
    std::vector<sim::HostId> left, right, routers, dns;
    for (const auto& [id, host] : world.hosts) {
        switch (column_of(host.role)) {
            case Column::Left:
                left.push_back(id);
                break;
            case Column::Right:
                right.push_back(id);
                break;
            case Column::Middle:
                (host.role == "dns" ? dns : routers).push_back(id);
                break;
        }
    }
    std::map<sim::HostId, Point> out;
    spread(left, 0.12f, 0.05f, 0.95f, out);
    spread(right, 0.86f, 0.05f, 0.95f, out);
    spread(dns, 0.5f, 0.0f, 0.3f, out);
    spread(routers, 0.5f, dns.empty() ? 0.1f : 0.35f, 0.95f, out);
    return out;
}

std::vector<sim::HostId> path_between(const sim::WorldState& world, sim::HostId from,
                                      sim::HostId to) {
    std::map<sim::HostId, sim::HostId> came_from{{from, from}};
    std::deque<sim::HostId> queue{from};
    while (!queue.empty() && came_from.count(to) == 0) {
        const sim::HostId here = queue.front();
        queue.pop_front();
        for (const auto& link : world.links) {
            const sim::HostId next = link.a == here   ? link.b
                                     : link.b == here ? link.a
                                                      : sim::kNoHost;
            if (next == sim::kNoHost || came_from.count(next) != 0) continue;
            came_from[next] = here;
            queue.push_back(next);
        }
    }
    if (came_from.count(to) == 0) return {from, to};
    std::vector<sim::HostId> path{to};
    while (path.back() != from)
        path.push_back(came_from[path.back()]);
    std::reverse(path.begin(), path.end());
    return path;
}

Point along(const std::vector<Point>& polyline, float progress) {
    if (polyline.empty()) return {};
    if (polyline.size() == 1) return polyline.front();
    std::vector<float> lengths;
    float total = 0;
    for (std::size_t i = 1; i < polyline.size(); ++i) {
        const float d =
            std::hypot(polyline[i].x - polyline[i - 1].x, polyline[i].y - polyline[i - 1].y);
        lengths.push_back(d);
        total += d;
    }
    float remaining = std::clamp(progress, 0.0f, 1.0f) * total;
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        if (remaining <= lengths[i] || i + 1 == lengths.size()) {
            const float f = lengths[i] > 0 ? std::min(remaining / lengths[i], 1.0f) : 1.0f;
            return {polyline[i].x + (polyline[i + 1].x - polyline[i].x) * f,
                    polyline[i].y + (polyline[i + 1].y - polyline[i].y) * f};
        }
        remaining -= lengths[i];
    }
    return polyline.back();
}

}  // namespace maillab::viz
