#include "viz/model/classroom_topology.hpp"

#include <algorithm>
#include <cmath>

namespace maillab::viz {

namespace {

constexpr std::string_view kSwitchName = "classroom switch";

struct Group {
    std::string label;
    std::vector<sim::HostId> members;
};

}  // namespace

std::vector<NodePlan> student_boxes(const ClassroomInput& in, float line_height) {
    const sim::WorldState& world = *in.world;
    std::map<std::string, Group> groups;  // by label, so the grid reads in the students' order
    for (const sim::HostId id : in.clients) {
        std::string label;
        if (const auto it = in.students->find(id); it != in.students->end()) {
            label = it->second;
        } else if (in.names != nullptr && in.names->count(id) != 0) {
            label = in.names->at(id);
        } else {
            label = world.hosts.at(id).name;
        }
        // A client no student claims yet keeps a box of its own.
        const bool claimed = in.students->count(id) != 0;
        const std::string key = claimed ? label : "~" + std::to_string(id) + label;
        Group& g = groups[key];
        g.label = label;
        g.members.push_back(id);
    }
    const float em = in.em;
    const float pad = in.sizes->padding_em * em;
    const float box_w = in.sizes->student_box_width_em * em;
    const float room = box_w - 2 * pad;
    std::vector<NodePlan> out;
    std::size_t most_lines = 1;
    for (const auto& [key, g] : groups) {
        NodePlan n;
        n.kind = NodeKind::Student;
        n.members = g.members;
        // The newest session that is open speaks for the student; else the newest.
        n.host = g.members.back();
        for (const sim::HostId id : g.members) {
            if (world.hosts.at(id).up) n.host = id;
        }
        n.full_name = g.label;
        n.name_lines = name_on_two_lines(g.label, room, *in.text_width);
        std::string shown;
        for (const std::string& line : n.name_lines)
            shown += line;
        n.name_cut = shown != g.label;
        n.status = world.hosts.at(n.host).up ? std::string{} : "disconnected";
        n.text_at = {pad, pad};
        most_lines = std::max(most_lines, n.name_lines.size() + (n.status.empty() ? 0 : 1));
        out.push_back(std::move(n));
    }
    // One height for all, so the grid's rows line up.
    for (NodePlan& n : out)
        n.box = {0, 0, box_w, pad * 2 + line_height * static_cast<float>(most_lines)};
    return out;
}

NodePlan classroom_switch_box(float box_w, float em, float line_height, const TextWidth& text_width,
                              const TopologySizes& sizes) {
    NodePlan n;
    n.kind = NodeKind::ClassroomSwitch;
    n.full_name = std::string{kSwitchName};
    const float pad = sizes.padding_em * em;
    const float text_x = sizes.icon_em * em;
    n.name_lines = name_on_two_lines(kSwitchName, box_w - text_x - pad, text_width);
    n.text_at = {text_x, pad};
    n.box = {0, 0, box_w, pad * 2 + line_height * static_cast<float>(n.name_lines.size() + 1)};
    return n;
}

GridShape grid_for(std::size_t count, const Rect& box, float room, float gap) {
    GridShape shape;
    if (count == 0) return shape;
    const auto fit =
        static_cast<std::size_t>(std::max(1.0f, std::floor((room - gap) / (box.w + gap))));
    shape.columns = std::min(fit, count);
    shape.rows = (count + shape.columns - 1) / shape.columns;
    shape.columns = (count + shape.rows - 1) / shape.rows;  // as even as the rows allow
    shape.width = gap + static_cast<float>(shape.columns) * (box.w + gap);
    shape.height = gap + static_cast<float>(shape.rows) * (box.h + gap);
    return shape;
}

}  // namespace maillab::viz
