#include "viz/model/topology_layout.hpp"

#include "viz/model/classroom_topology.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <set>
#include <string>

namespace maillab::viz {

namespace {

constexpr std::string_view kEllipsis = "…";
constexpr std::string_view kRealClientRole = "real-client";

enum class Column { Left, Middle, Right };

Column column_of(const std::string& role) {
    if (role == "server") return Column::Right;
    if (role == "router" || role == "dns") return Column::Middle;
    return Column::Left;
}

std::string dotted(std::uint32_t ip) {
    char buf[20];
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xFFu, (ip >> 8) & 0xFFu,
                  ip & 0xFFu);
    return buf;
}

bool utf8_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::vector<std::vector<std::uint16_t>> wrap_ports(const std::set<std::uint16_t>& ports, float room,
                                                   float gap, const TextWidth& text_width) {
    std::vector<std::vector<std::uint16_t>> lines;
    float used = 0;
    for (const std::uint16_t port : ports) {
        const float w = text_width(std::to_string(port));
        if (lines.empty() || (!lines.back().empty() && used + gap + w > room)) {
            lines.emplace_back();
            used = -gap;
        }
        lines.back().push_back(port);
        used += gap + w;
    }
    return lines;
}

// Stacks a column's boxes from the top, spreading what height is left over
// evenly between them (never less than `gap`).
void stack(std::vector<NodePlan*>& column, float x, float height, float gap) {
    float total = 0;
    for (const NodePlan* n : column)
        total += n->box.h;
    const float spare = std::max(gap, (height - total) / static_cast<float>(column.size() + 1));
    float y = spare;
    for (NodePlan* n : column) {
        n->box.x = x;
        n->box.y = y;
        n->text_at.x += x;
        n->text_at.y += y;
        y += n->box.h + spare;
    }
}

float column_height(const std::vector<NodePlan*>& column, float gap) {
    float total = gap;
    for (const NodePlan* n : column)
        total += n->box.h + gap;
    return total;
}

Point centre_of(const NodePlan& n) {
    return {n.box.x + n.box.w * 0.5f, n.box.y + n.box.h * 0.5f};
}

struct ClassFrame {
    float width, height, box_w, gap;
};

// The class's arrangement: the server side in a band at the top right (the
// classroom switch, then the middle column with any simulated device, then
// the servers), the students' boxes filling rows from the top left, beside
// the band and then under it across the whole width, so the first students
// are in sight however small the panel; twice the gap between columns
// leaves the links room to fan in.
void place_class(TopologyPlan& plan, const ClassroomInput& in, std::vector<NodePlan*>& devices,
                 std::vector<NodePlan*>& right, std::vector<NodePlan*>& middle,
                 const ClassFrame& f) {
    const float gap = f.gap, box_w = f.box_w;
    std::vector<NodePlan> boxes = student_boxes(in, plan.line_height);
    NodePlan hub = classroom_switch_box(box_w, in.em, plan.line_height, *in.text_width, *in.sizes);
    middle.insert(middle.end(), devices.begin(), devices.end());
    const Rect student = boxes.empty() ? Rect{} : boxes.front().box;
    const float columns = middle.empty() ? 2.0f : 3.0f;
    const float band_w = 2 * gap + columns * box_w + (columns - 1.0f) * 2 * gap;
    const float band_h =
        std::max({column_height(right, gap), column_height(middle, gap), hub.box.h + 2 * gap});
    plan.width = std::max({f.width, band_w, student.w + 2 * gap});
    const float x_right = plan.width - gap - box_w;
    const float x_middle = x_right - 2 * gap - box_w;
    stack(right, x_right, band_h, gap);
    stack(middle, x_middle, band_h, gap);
    hub.box.x = (middle.empty() ? x_right : x_middle) - 2 * gap - box_w;
    hub.box.y = (band_h - hub.box.h) * 0.5f;
    hub.text_at = {hub.text_at.x + hub.box.x, hub.text_at.y + hub.box.y};
    // A row that starts beside the band ends short of the switch.
    auto row_end = [&](float y) { return y < band_h ? hub.box.x - 2 * gap : plan.width - gap; };
    float x = gap, y = gap;
    for (NodePlan& n : boxes) {
        if (x + student.w > row_end(y)) {
            x = gap;
            y += student.h + gap;
        }
        if (x + student.w > row_end(y)) y = std::max(y, band_h);  // no room beside the band
        n.box.x = x;
        n.box.y = y;
        n.text_at = {n.text_at.x + x, n.text_at.y + y};
        x += student.w + gap;
    }
    plan.height = std::max({f.height, band_h, y + student.h + gap});
    const Point hub_centre = centre_of(hub);
    for (const NodePlan& n : boxes)
        plan.class_links.emplace_back(centre_of(n), hub_centre);
    plan.nodes.push_back(std::move(hub));
    for (NodePlan& n : boxes)
        plan.nodes.push_back(std::move(n));
    // The switch to whatever the clients are linked to on the server side.
    std::set<sim::HostId> server_side;
    const std::set<sim::HostId> clients(in.clients.begin(), in.clients.end());
    for (const auto& link : in.world->links) {
        if (clients.count(link.a) != 0 && clients.count(link.b) == 0) server_side.insert(link.b);
        if (clients.count(link.b) != 0 && clients.count(link.a) == 0) server_side.insert(link.a);
    }
    for (const sim::HostId h : server_side) {
        if (plan.find(h) != nullptr) plan.class_links.emplace_back(hub_centre, plan.centre(h));
    }
}

}  // namespace

const NodePlan* TopologyPlan::find(sim::HostId host) const {
    if (host == sim::kNoHost) return nullptr;
    for (const NodePlan& n : nodes) {
        if (n.host == host) return &n;
    }
    for (const NodePlan& n : nodes) {
        if (std::find(n.members.begin(), n.members.end(), host) != n.members.end()) return &n;
    }
    return nullptr;
}

const NodePlan* TopologyPlan::classroom_switch() const {
    for (const NodePlan& n : nodes) {
        if (n.kind == NodeKind::ClassroomSwitch) return &n;
    }
    return nullptr;
}

std::vector<Point> TopologyPlan::route_through(const std::vector<sim::HostId>& hosts) const {
    const NodePlan* hub = classroom_switch();
    auto is_student = [&](sim::HostId h) {
        const NodePlan* n = find(h);
        return n != nullptr && n->kind == NodeKind::Student;
    };
    std::vector<Point> route;
    for (std::size_t i = 0; i < hosts.size(); ++i) {
        if (find(hosts[i]) == nullptr) continue;
        const bool at_student = is_student(hosts[i]);
        if (hub != nullptr && at_student && i + 1 == hosts.size() && !route.empty())
            route.push_back(centre_of(*hub));
        route.push_back(centre(hosts[i]));
        if (hub != nullptr && at_student && i == 0) route.push_back(centre_of(*hub));
    }
    return route;
}

Point TopologyPlan::centre(sim::HostId host) const {
    const NodePlan* n = find(host);
    return n == nullptr ? Point{} : centre_of(*n);
}

std::string fit_to_width(std::string_view text, float room, const TextWidth& text_width) {
    if (text_width(text) <= room) return std::string{text};
    // Where each code point starts; the cut is searched by halving, so a long
    // text costs a handful of measurements, not one per character.
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!utf8_continuation(text[i])) starts.push_back(i);
    }
    auto cut = [&](std::size_t k) {
        return std::string{text.substr(0, starts[k])} + std::string{kEllipsis};
    };
    std::size_t fits = 0;                    // cut(0) is the ellipsis alone
    std::size_t lo = 1, hi = starts.size();  // search (fits, hi)
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (text_width(cut(mid)) <= room) {
            fits = mid;
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return cut(fits);
}

std::vector<std::string> name_on_two_lines(std::string_view name, float room,
                                           const TextWidth& text_width) {
    if (text_width(name) <= room) return {std::string{name}};
    // The last break that lets the first line fit; else the longest prefix that fits.
    std::size_t split = 0;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if ((c == '.' || c == '-' || c == ' ') && text_width(name.substr(0, i + 1)) <= room)
            split = i + 1;
    }
    if (split == 0) {
        for (std::size_t i = 1; i < name.size(); ++i) {
            if (utf8_continuation(name[i])) continue;
            if (text_width(name.substr(0, i)) > room) break;
            split = i;
        }
    }
    if (split == 0) return {fit_to_width(name, room, text_width)};
    return {std::string{name.substr(0, split)}, fit_to_width(name.substr(split), room, text_width)};
}

std::string down_status(const sim::WorldState& world, sim::HostId id) {
    const sim::HostState& host = world.hosts.at(id);
    if (!host.up) return host.role == kRealClientRole ? "disconnected" : "offline";
    bool linked = false;
    for (const auto& link : world.links) {
        if (link.a != id && link.b != id) continue;
        if (link.up) return {};
        linked = true;
    }
    return linked ? "link down" : std::string{};
}

TopologyPlan plan_topology(const sim::WorldState& world, float width, float height, float em,
                           const TextWidth& text_width, const TopologySizes& sizes,
                           const std::map<sim::HostId, std::string>* names,
                           const std::map<sim::HostId, std::string>* students) {
    TopologyPlan plan;
    const float gap = sizes.gap_em * em;
    plan.line_height = sizes.line_em * em;
    plan.port_gap = sizes.port_gap_em * em;
    std::vector<sim::HostId> left, right, middle_dns, middle_routers, class_clients;
    for (const auto& [id, host] : world.hosts) {
        if (students != nullptr && host.role == kRealClientRole) {
            class_clients.push_back(id);
            continue;
        }
        switch (column_of(host.role)) {
            case Column::Left:
                left.push_back(id);
                break;
            case Column::Right:
                right.push_back(id);
                break;
            case Column::Middle:
                (host.role == "dns" ? middle_dns : middle_routers).push_back(id);
                break;
        }
    }
    const bool has_middle = !middle_dns.empty() || !middle_routers.empty();
    const float columns = has_middle ? 3.0f : 2.0f;
    const float pad = sizes.padding_em * em;
    const float text_x = sizes.icon_em * em;
    // An address or a status is never cut: the boxes are at least as wide as the widest.
    float widest_address = 0;
    for (const auto& [id, host] : world.hosts) {
        widest_address = std::max(
            {widest_address, text_width(dotted(host.ipv4)), text_width(down_status(world, id))});
    }
    const float fitted_w =
        students != nullptr ? sizes.min_box_width_em * em  // the class's grid takes the room
                            : std::clamp((width - gap * (columns + 1.0f)) / columns,
                                         sizes.min_box_width_em * em, sizes.max_box_width_em * em);
    const float box_w = std::max(fitted_w, text_x + widest_address + pad);
    const float room = box_w - text_x - pad;

    plan.nodes.reserve(world.hosts.size());
    std::map<sim::HostId, std::size_t> index;
    for (const auto& [id, host] : world.hosts) {
        if (students != nullptr && host.role == kRealClientRole) continue;
        NodePlan n;
        n.host = id;
        n.full_name = host.name;
        const std::string* name = &host.name;
        if (names != nullptr) {
            if (const auto it = names->find(id); it != names->end()) name = &it->second;
        }
        n.name_lines = name_on_two_lines(*name, room, text_width);
        std::string shown;
        for (const std::string& line : n.name_lines)
            shown += line;
        n.name_cut = shown != host.name;  // cut, or renamed: the host's own name on hover
        n.address = dotted(host.ipv4);
        n.port_lines = wrap_ports(host.listening, room, plan.port_gap, text_width);
        n.status = down_status(world, id);
        n.alarm = !n.status.empty() && host.role != kRealClientRole;
        const auto lines =
            n.name_lines.size() + 1 + n.port_lines.size() + (n.status.empty() ? 0 : 1);
        n.box = {0, 0, box_w, pad * 2 + plan.line_height * static_cast<float>(lines)};
        n.text_at = {text_x, pad};
        index[id] = plan.nodes.size();
        plan.nodes.push_back(std::move(n));
    }
    auto nodes_of = [&](const std::vector<sim::HostId>& ids) {
        std::vector<NodePlan*> out;
        for (const sim::HostId id : ids)
            out.push_back(&plan.nodes[index[id]]);
        return out;
    };
    auto l = nodes_of(left), r = nodes_of(right), m = nodes_of(middle_dns);
    for (NodePlan* n : nodes_of(middle_routers))
        m.push_back(n);
    if (students != nullptr) {
        const ClassroomInput in{&world, class_clients, students, names, em, &text_width, &sizes};
        place_class(plan, in, l, r, m, {width, height, box_w, gap});
        return plan;
    }

    plan.width = std::max(width, box_w * columns + gap * (columns + 1.0f));
    plan.height =
        std::max({height, column_height(l, gap), column_height(r, gap), column_height(m, gap)});
    stack(l, gap, plan.height, gap);
    stack(r, plan.width - gap - box_w, plan.height, gap);
    stack(m, (plan.width - box_w) * 0.5f, plan.height, gap);
    return plan;
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
