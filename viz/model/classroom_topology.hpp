// The class part of the topology view (`maillab serve --classroom`): every
// real client in a grid of compact boxes, one box per student however many
// sessions they opened and closed, all linked through one classroom switch.
// Used by plan_topology; pure geometry like it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "viz/model/topology_layout.hpp"

namespace maillab::viz {

struct ClassroomInput {
    const sim::WorldState* world = nullptr;
    std::vector<sim::HostId> clients;  // the real clients to place
    const std::map<sim::HostId, std::string>* students = nullptr;
    const std::map<sim::HostId, std::string>* names = nullptr;
    float em = 0;
    const TextWidth* text_width = nullptr;
    const TopologySizes* sizes = nullptr;
};

// One compact box per student (or per client that named no student yet),
// sized but not placed, in the order of their labels.
std::vector<NodePlan> student_boxes(const ClassroomInput& in, float line_height);

// The switch's box, sized but not placed.
NodePlan classroom_switch_box(float box_w, float em, float line_height, const TextWidth& text_width,
                              const TopologySizes& sizes);

struct GridShape {
    std::size_t columns = 1;
    std::size_t rows = 0;
    float width = 0;  // including the gap around it
    float height = 0;
};

// The most even grid of `count` boxes that fits `room` pixels wide.
GridShape grid_for(std::size_t count, const Rect& box, float room, float gap);

}  // namespace maillab::viz
