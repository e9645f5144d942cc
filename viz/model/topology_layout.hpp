// Where each host sits in the topology view and what its box says: devices
// and real clients on the left, DNS and routers in the middle, servers on the
// right. Boxes are sized in ems from one presenter scale; every open port is
// listed (on as many lines as it takes), a name too long for its box ends in
// "…" and is marked for a tooltip, and when the view is too small for the
// boxes the canvas grows (the panel scrolls) instead of boxes overlapping.
// Pure geometry (no ImGui): text is measured through a function the caller
// gives, so it is tested without a window.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/state/world_state.hpp"
#include "viz/model/geometry.hpp"

namespace maillab::viz {

// Width of a text in pixels at the view's font.
using TextWidth = std::function<float(std::string_view)>;

// Sizes in ems of the font at the current presenter scale.
struct TopologySizes {
    float min_box_width_em = 9.0f;
    float max_box_width_em = 13.0f;
    float icon_em = 2.4f;     // room left of the text for the host's icon
    float padding_em = 0.3f;  // inside a box, around its text
    float line_em = 1.1f;     // one line of text
    float port_gap_em = 0.45f;
    float gap_em = 1.0f;                // between boxes and around the canvas edge
    float student_box_width_em = 8.5f;  // a student's compact box in a class
};

// A host's own box; in a class, one student's box (all their sessions) or
// the classroom switch they are all linked through.
enum class NodeKind { Host, Student, ClassroomSwitch };

struct NodePlan {
    NodeKind kind = NodeKind::Host;
    sim::HostId host = sim::kNoHost;   // a student's: their newest session; the switch: none
    std::vector<sim::HostId> members;  // a student's: every session host, the box is theirs
    Rect box;                          // relative to the canvas's top-left corner
    // As shown: one line, or two split after a dot or dash, the second cut
    // with "…" when even two lines are too short.
    std::vector<std::string> name_lines;
    bool name_cut = false;  // then the full name belongs in a tooltip
    std::string full_name;  // the host's own name; a student's whole label
    std::string address;
    std::vector<std::vector<std::uint16_t>> port_lines;  // every listening port, in order
    std::string status;  // "" when up; "offline", or "disconnected" for a real client
    bool alarm = false;  // offline is a fault to point at; a client that left is not
    Point text_at;       // where the first line of text starts, relative to the canvas
};

struct TopologyPlan {
    float width = 0;  // the canvas: at least the space given, more when it must scroll
    float height = 0;
    float line_height = 0;
    float port_gap = 0;
    std::vector<NodePlan> nodes;
    // In a class: each student's box to the switch, the switch to the server side.
    std::vector<std::pair<Point, Point>> class_links;

    const NodePlan* find(sim::HostId host) const;  // a host's box, or the student's it belongs to
    Point centre(sim::HostId host) const;
    const NodePlan* classroom_switch() const;
    // The centres a packet passes along `hosts`, through the classroom switch
    // where it leaves or reaches a student.
    std::vector<Point> route_through(const std::vector<sim::HostId>& hosts) const;
};

// `names`: names to show instead of some hosts' own (real clients by what they said).
// `students`: in a class, each real client's student ("student07 · Thunderbird");
// then every real client sits in a grid behind one classroom switch, and the
// sessions of one student share one box.
TopologyPlan plan_topology(const sim::WorldState& world, float width, float height, float em,
                           const TextWidth& text_width, const TopologySizes& sizes = {},
                           const std::map<sim::HostId, std::string>* names = nullptr,
                           const std::map<sim::HostId, std::string>* students = nullptr);

// A host name on at most two lines of `room` pixels: split after the last
// dot, dash or space that lets the first line fit (anywhere, if none does);
// the second line fitted with "…".
std::vector<std::string> name_on_two_lines(std::string_view name, float room,
                                           const TextWidth& text_width);

// The longest prefix of `text` that, followed by "…", fits in `room` pixels;
// the text itself when it fits whole.
std::string fit_to_width(std::string_view text, float room, const TextWidth& text_width);

// What a host's box says when it cannot be reached: a real client that went
// away has disconnected; any other host that is down is offline; a host that
// is up but whose every link is down has its "link down".
std::string down_status(const sim::WorldState& world, sim::HostId id);

// The hosts a packet passes from `from` to `to` (both included), by the
// shortest path in hops over the world's links; just {from, to} if none.
std::vector<sim::HostId> path_between(const sim::WorldState& world, sim::HostId from,
                                      sim::HostId to);

// The point a fraction `progress` of the way along a polyline.
Point along(const std::vector<Point>& polyline, float progress);

}  // namespace maillab::viz
