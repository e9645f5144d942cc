// Nothing in the topology view is cut off or hidden (issue 20, item 7): for
// every shipped lesson, at every event, at 1024×768 and 1920×1080 and at
// 100 % and 150 %, no two host boxes overlap, every open port of every host
// is listed inside its box, and a name too long for its box ends in "…" and
// is marked for a tooltip. The canvas is the one the window gives the
// network panel (panel_layout), so a small window is tested as it is shown.
#include "viz/model/topology_layout.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <variant>

#include "sim/lesson/lesson_list.hpp"
#include "sim/lesson_run/lesson_run.hpp"
#include "viz/model/panel_layout.hpp"
#include "viz/model/sniffer_layout.hpp"

using namespace maillab;
using namespace maillab::viz;

namespace {

// The window's font at 100 %, and a width per character no narrower than
// DejaVu Sans's digits (0.64 em), so the test errs on the wide side.
constexpr float kFontPixels = 18.0f;
constexpr float kCharEm = 0.64f;
// What the window takes around the panels, and inside a panel around its canvas.
constexpr float kHeaderEm = 4.0f;
constexpr float kTimelineEm = 4.2f;
constexpr float kPanelChromeWidthEm = 1.2f;
constexpr float kPanelChromeHeightEm = 4.0f;

struct Screen {
    float width, height, scale;
};
constexpr Screen kScreens[] = {
    {1024, 768, 1.0f}, {1024, 768, 1.5f}, {1920, 1080, 1.0f}, {1920, 1080, 1.5f}};

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

Rect network_canvas(const Screen& screen) {
    const float em = kFontPixels * screen.scale;
    const Rect body{0, kHeaderEm * em, screen.width,
                    screen.height - (kHeaderEm + kTimelineEm) * em};
    for (const PanelSlot& slot : arrange_panels(body, em).slots) {
        for (const PanelId id : slot.panels) {
            if (id == PanelId::Network) {
                return {0, 0, slot.rect.w - kPanelChromeWidthEm * em,
                        slot.rect.h - kPanelChromeHeightEm * em};
            }
        }
    }
    FAIL("no place for the network panel");
    return {};
}

using Links = std::vector<std::pair<sim::HostId, sim::HostId>>;

// The links the lesson's `sniff` actions have put a sniffer on up to step `step`.
Links sniffed_links(const sim::lesson::LessonSpec& spec, const sim::WorldState& world,
                    std::int64_t step) {
    Links out;
    for (std::int64_t k = 0; k < step && k < static_cast<std::int64_t>(spec.steps.size()); ++k) {
        for (const auto& action : spec.steps[static_cast<std::size_t>(k)].actions) {
            if (const auto* sniff = std::get_if<sim::lesson::SniffAction>(&action.kind)) {
                out.emplace_back(world.host_named(sniff->between.a),
                                 world.host_named(sniff->between.b));
            }
        }
    }
    return out;
}

// Each sniffer is on the canvas, on no host's box and on no other sniffer, with its label inside.
void check_sniffers(const TopologyPlan& plan, const std::vector<SnifferPlan>& sniffers,
                    const Links& links, const TextWidth& width) {
    REQUIRE(sniffers.size() == links.size());
    const Rect whole{0, 0, plan.width, plan.height};
    for (std::size_t i = 0; i < sniffers.size(); ++i) {
        const SnifferPlan& s = sniffers[i];
        REQUIRE(s.a == links[i].first);
        REQUIRE(s.label == "sniffer");
        REQUIRE(whole.contains(s.box));
        REQUIRE(s.text_at.x + width(s.label) <= s.box.right());
        REQUIRE(s.text_at.y + plan.line_height <= s.box.bottom());
        for (const NodePlan& n : plan.nodes)
            REQUIRE_FALSE(s.box.overlaps(n.box));
        for (std::size_t j = i + 1; j < sniffers.size(); ++j)
            REQUIRE_FALSE(s.box.overlaps(sniffers[j].box));
    }
}

void check_plan(const sim::WorldState& world, const Screen& screen, const Links& sniffed = {}) {
    const float em = kFontPixels * screen.scale;
    const TextWidth width = [em](std::string_view s) {
        return static_cast<float>(code_points(s)) * kCharEm * em;
    };
    const Rect canvas = network_canvas(screen);
    TopologyPlan plan = plan_topology(world, canvas.w, canvas.h, em, width);
    check_sniffers(plan, place_sniffers(plan, sniffed, em, width), sniffed, width);
    REQUIRE(plan.width >= canvas.w);
    REQUIRE(plan.height >= canvas.h);
    REQUIRE(plan.nodes.size() == world.hosts.size());
    const Rect whole{0, 0, plan.width, plan.height};
    for (std::size_t i = 0; i < plan.nodes.size(); ++i) {
        const NodePlan& n = plan.nodes[i];
        const sim::HostState& host = world.hosts.at(n.host);
        INFO("host " << host.name << " at " << screen.width << "x" << screen.height << " x"
                     << screen.scale);
        REQUIRE(whole.contains(n.box));
        for (std::size_t j = i + 1; j < plan.nodes.size(); ++j)
            REQUIRE_FALSE(n.box.overlaps(plan.nodes[j].box));
        // Text stays inside the box.
        const float room = n.box.right() - n.text_at.x;
        REQUIRE(width(n.address) <= room);
        REQUIRE(width(n.status) <= room);
        // The name is whole on one or two lines, or cut with an ellipsis and
        // marked for a tooltip.
        REQUIRE((n.name_lines.size() == 1 || n.name_lines.size() == 2));
        std::string name;
        for (const std::string& line : n.name_lines) {
            REQUIRE(width(line) <= room);
            name += line;
        }
        if (n.name_cut) {
            REQUIRE(name.size() >= 3);
            REQUIRE(name.substr(name.size() - 3) == "…");
            REQUIRE(host.name.rfind(name.substr(0, name.size() - 3), 0) == 0);
        } else {
            REQUIRE(name == host.name);
        }
        // Every listening port, once, each line within the box.
        std::set<std::uint16_t> shown;
        for (const auto& line : n.port_lines) {
            float used = 0;
            for (const std::uint16_t port : line) {
                used += width(std::to_string(port)) + (used > 0 ? plan.port_gap : 0);
                REQUIRE(shown.insert(port).second);
            }
            REQUIRE(used <= room);
        }
        REQUIRE(shown == host.listening);
        const auto lines =
            n.name_lines.size() + 1 + n.port_lines.size() + (n.status.empty() ? 0 : 1);
        REQUIRE(n.text_at.y + plan.line_height * static_cast<float>(lines) <= n.box.bottom());
        REQUIRE(n.status == down_status(world, n.host));
        REQUIRE(n.alarm == (!n.status.empty() && host.role != "real-client"));
    }
}

}  // namespace

TEST_CASE(
    "topology: no box overlaps, no port is dropped, no name is cut silently, every sniffer is "
    "clear of the hosts") {
    const char* src = std::getenv("MAILLAB_SOURCE_DIR");
    REQUIRE(src != nullptr);
    const auto lessons = sim::lesson::list_lessons(std::filesystem::path{src} / "lessons");
    REQUIRE(lessons.problems.empty());
    REQUIRE(lessons.lessons.size() >= 8);
    for (const auto& entry : lessons.lessons) {
        INFO("lesson " << entry.id);
        auto loaded = sim::lesson::load_lesson(entry.path);
        REQUIRE(loaded.ok());
        sim::LessonRun run{*loaded.lesson, loaded.lesson->seed.value_or(1)};
        while (!run.finished())
            run.run_step();
        const sim::Trace& trace = run.trace();
        sim::WorldState world;
        std::size_t checked = 0;
        std::int64_t step = 0;
        for (std::size_t i = 0; i < trace.size(); ++i) {
            world.apply(trace, trace[i]);
            if (trace[i].kind == sim::EventKind::LessonStep) step = trace[i].value;
            const auto kind = trace[i].kind;
            // Boxes change when hosts, ports or their state do, and at each step.
            const bool changes =
                kind == sim::EventKind::LessonStep || kind == sim::EventKind::HostAdded ||
                kind == sim::EventKind::HostUp || kind == sim::EventKind::HostDown ||
                i + 1 == trace.size() || world.hosts.size() != checked;
            if (!changes) continue;
            checked = world.hosts.size();
            const Links sniffed = sniffed_links(*loaded.lesson, world, step);
            for (const Screen& screen : kScreens)
                check_plan(world, screen, sniffed);
        }
    }
}

TEST_CASE("topology: a long name is cut with an ellipsis that fits") {
    const TextWidth width = [](std::string_view s) {
        return 10.0f * static_cast<float>(code_points(s));
    };
    REQUIRE(fit_to_width("mail.example.test", 200, width) == "mail.example.test");
    REQUIRE(fit_to_width("mail.example.test", 100, width) == "mail.exam…");
    REQUIRE(fit_to_width("schön", 40, width) == "sch…");
    REQUIRE(fit_to_width("abc", 5, width) == "…");
}

TEST_CASE("topology: a name too long for one line goes on two, split after a dot") {
    const TextWidth width = [](std::string_view s) {
        return 10.0f * static_cast<float>(code_points(s));
    };
    REQUIRE(name_on_two_lines("laptop", 100, width) == std::vector<std::string>{"laptop"});
    REQUIRE(name_on_two_lines("mail.example.org", 130, width) ==
            std::vector<std::string>{"mail.example.", "org"});
    REQUIRE(name_on_two_lines("mail.example.org", 100, width) ==
            std::vector<std::string>{"mail.", "example.o…"});
    REQUIRE(name_on_two_lines("averyveryverylongname", 100, width) ==
            std::vector<std::string>{"averyveryv", "erylongna…"});
}

TEST_CASE("topology: a real client that went away is disconnected, not offline") {
    sim::WorldState world;
    world.hosts[0] = {.name = "client", .role = "real-client", .up = false};
    world.hosts[1] = {.name = "laptop", .role = "device", .up = false};
    world.hosts[2] = {.name = "phone", .role = "device"};
    world.hosts[3] = {.name = "internet", .role = "router"};
    world.links = {{.a = 2, .b = 3, .up = false}};
    REQUIRE(down_status(world, 0) == "disconnected");
    REQUIRE(down_status(world, 1) == "offline");
    REQUIRE(down_status(world, 2) == "link down");
    world.links[0].up = true;
    REQUIRE(down_status(world, 2).empty());
    REQUIRE(down_status(world, 3).empty());
}

TEST_CASE("topology: a sniffer with no free place near its link goes below, and the canvas grows") {
    const TextWidth width = [](std::string_view s) {
        return 10.0f * static_cast<float>(code_points(s));
    };
    TopologyPlan plan;
    plan.width = 300;
    plan.height = 100;
    plan.line_height = 20;
    // Two hosts whose boxes fill the whole canvas.
    plan.nodes = {{.host = 1, .box = {0, 0, 150, 100}}, {.host = 2, .box = {150, 0, 150, 100}}};
    const auto sniffers = place_sniffers(plan, {{1, 2}, {2, 1}}, 20, width);
    REQUIRE(sniffers.size() == 2);
    REQUIRE(plan.height > 100);
    REQUIRE(sniffers[0].box.y >= 100);
    REQUIRE_FALSE(sniffers[0].box.overlaps(sniffers[1].box));
    REQUIRE(Rect{0, 0, plan.width, plan.height}.contains(sniffers[1].box));
    // A link to a host not on the canvas has no sniffer drawn.
    REQUIRE(place_sniffers(plan, {{1, 7}}, 20, width).empty());
}

namespace {

// A class as `serve --classroom` makes it: the server, and per student three
// sessions (each a real-client host of its own, as each connection comes from
// a new port), the first two closed.
struct ClassWorld {
    sim::WorldState world;
    std::map<sim::HostId, std::string> students;
    std::map<std::string, std::set<sim::HostId>> sessions_of;
};

float gap_px(float em) {
    return TopologySizes{}.gap_em * em;
}

ClassWorld class_of(int count) {
    ClassWorld c;
    c.world.hosts[0] = {.name = "mail.school.test", .role = "server", .listening = {25, 110, 143}};
    sim::HostId next = 1;
    for (int s = 1; s <= count; ++s) {
        char account[24];
        std::snprintf(account, sizeof account, "student%02d", s);
        const std::string label = std::string{account} + (s % 2 ? " · Thunderbird" : " · K-9 Mail");
        for (int k = 0; k < 3; ++k) {
            const sim::HostId id = next++;
            c.world.hosts[id] = {
                .name = "client 10.0.0." + std::to_string(s) + ":" + std::to_string(50000 + k),
                .role = "real-client",
                .up = k == 2};
            c.world.links.push_back({.a = id, .b = 0, .up = true});
            c.students[id] = label;
            c.sessions_of[label].insert(id);
        }
    }
    return c;
}

}  // namespace

TEST_CASE("topology: a class of 30 or 60 sits in a grid behind one switch, one box per student") {
    constexpr Screen kClassScreens[] = {
        {1280, 720, 1.0f}, {1280, 720, 1.5f}, {1920, 1080, 1.0f}, {1920, 1080, 1.5f}};
    for (const int count : {30, 60}) {
        const ClassWorld c = class_of(count);
        for (const Screen& screen : kClassScreens) {
            INFO(count << " students at " << screen.width << "x" << screen.height << " x"
                       << screen.scale);
            const float em = kFontPixels * screen.scale;
            const TextWidth width = [em](std::string_view s) {
                return static_cast<float>(code_points(s)) * kCharEm * em;
            };
            const Rect canvas = network_canvas(screen);
            const TopologyPlan plan =
                plan_topology(c.world, canvas.w, canvas.h, em, width, {}, nullptr, &c.students);
            REQUIRE(plan.width >= canvas.w);
            const NodePlan* hub = plan.classroom_switch();
            REQUIRE(hub != nullptr);
            REQUIRE(plan.find(0) != nullptr);
            REQUIRE(plan.find(0)->kind == NodeKind::Host);
            std::set<std::string> named;
            const Rect whole{0, 0, plan.width, plan.height};
            for (std::size_t i = 0; i < plan.nodes.size(); ++i) {
                const NodePlan& n = plan.nodes[i];
                REQUIRE(whole.contains(n.box));
                for (std::size_t j = i + 1; j < plan.nodes.size(); ++j)
                    REQUIRE_FALSE(n.box.overlaps(plan.nodes[j].box));
                for (const std::string& line : n.name_lines)
                    REQUIRE(n.text_at.x + width(line) <= n.box.right());
                REQUIRE(n.text_at.y + plan.line_height * static_cast<float>(n.name_lines.size()) <=
                        n.box.bottom());
                if (n.kind != NodeKind::Student) continue;
                // Named whole by student and app, every session of theirs in this one box.
                std::string name;
                for (const std::string& line : n.name_lines)
                    name += line;
                REQUIRE_FALSE(n.name_cut);
                REQUIRE(name == n.full_name);
                REQUIRE(named.insert(name).second);
                REQUIRE(std::set<sim::HostId>(n.members.begin(), n.members.end()) ==
                        c.sessions_of.at(name));
                REQUIRE(n.status.empty());  // the newest session is open
                for (const sim::HostId member : n.members)
                    REQUIRE(plan.find(member) == &n);
            }
            REQUIRE(named.size() == static_cast<std::size_t>(count));
            // The first student is in sight, at the left; under the server
            // side, rows hold as many students as the width allows.
            float band_bottom = 0;
            for (const NodePlan& n : plan.nodes) {
                if (n.kind != NodeKind::Student)
                    band_bottom = std::max(band_bottom, n.box.bottom());
            }
            const NodePlan* first = nullptr;
            std::map<float, std::size_t> under_band;
            for (const NodePlan& n : plan.nodes) {
                if (n.kind != NodeKind::Student) continue;
                if (first == nullptr) first = &n;
                if (n.box.y >= band_bottom) ++under_band[n.box.y];
            }
            REQUIRE(first->box.x == Approx(gap_px(em)));
            REQUIRE(first->box.bottom() <= canvas.h);
            const float student_w = TopologySizes{}.student_box_width_em * em;
            const auto per_row =
                static_cast<std::size_t>((plan.width - gap_px(em)) / (student_w + gap_px(em)));
            for (auto row = under_band.begin(); row != under_band.end(); ++row) {
                if (std::next(row) != under_band.end()) REQUIRE(row->second == per_row);
            }
            // Each student linked to the switch, and the switch to the server.
            REQUIRE(plan.class_links.size() == static_cast<std::size_t>(count) + 1);
            // A packet from a student to the server passes through the switch.
            const auto route = plan.route_through({1, 0});
            REQUIRE(route.size() == 3);
            REQUIRE(route[1].x == Approx(hub->box.x + hub->box.w * 0.5f));
        }
    }
}

TEST_CASE("topology: a student whose every session closed is shown disconnected, once") {
    ClassWorld c = class_of(2);
    for (auto& [id, host] : c.world.hosts) {
        if (host.role == "real-client") host.up = false;
    }
    const TextWidth width = [](std::string_view s) {
        return static_cast<float>(code_points(s)) * kCharEm * kFontPixels;
    };
    const TopologyPlan plan =
        plan_topology(c.world, 1200, 500, kFontPixels, width, {}, nullptr, &c.students);
    std::size_t students = 0;
    for (const NodePlan& n : plan.nodes) {
        if (n.kind != NodeKind::Student) continue;
        ++students;
        REQUIRE(n.status == "disconnected");
        REQUIRE(n.text_at.y + plan.line_height * static_cast<float>(n.name_lines.size() + 1) <=
                n.box.bottom());
    }
    REQUIRE(students == 2);
}
