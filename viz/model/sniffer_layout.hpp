// Where a sniffer sits in the topology view: a small labelled box on its link
// (centred on the middle of the part of the link that is seen), moved along
// and beside the link when that spot is taken, so it never covers a host's
// box or another sniffer; when nothing near the link is free it goes below
// everything and the canvas grows. Pure geometry, tested without a window.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "viz/model/topology_layout.hpp"

namespace maillab::viz {

struct SnifferPlan {
    sim::HostId a = sim::kNoHost;
    sim::HostId b = sim::kNoHost;
    Point tap;  // the point of the link it listens at
    Rect box;
    std::string label;
    Point text_at;
};

inline constexpr const char* kSnifferLabel = "sniffer";

// Room left of the label for the sniffer's icon, in ems.
inline constexpr float kSnifferIconEm = 1.8f;

// One box per link in `links` whose ends are both in `plan`.
std::vector<SnifferPlan> place_sniffers(
    TopologyPlan& plan, const std::vector<std::pair<sim::HostId, sim::HostId>>& links, float em,
    const TextWidth& text_width, const TopologySizes& sizes = {});

}  // namespace maillab::viz
