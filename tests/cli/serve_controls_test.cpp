// The window of `maillab serve --gui` takes serve's servers down and up.
#include "cli/serve_controls.hpp"

#include <catch2/catch.hpp>

using namespace maillab;

namespace {

struct ServeWorld {
    sim::World world{sim::WorldConfig{.seed = 1}};
    ServeWorld() {
        world.add_server({.name = "mail.maillab.test",
                          .address = "10.0.0.10",
                          .domains = {"maillab.test"},
                          .accounts = {{"alice", "alice", {}}}});
        world.add_server({.name = "mx.elsewhere.test",
                          .address = "10.0.0.20",
                          .domains = {"elsewhere.test"},
                          .accounts = {{"carol", "carol", {}}}});
    }
};

bool traced_after(const sim::Trace& trace, std::size_t first, sim::EventKind kind) {
    for (std::size_t i = first; i < trace.size(); ++i) {
        if (trace[i].kind == kind) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("serve controls list the servers and take one down and up, traced") {
    ServeWorld lab;
    int ups = 0;
    cli::ServeControls controls{lab.world, [&ups] { ++ups; }};
    CHECK(controls.servers() == std::vector<std::string>{"mail.maillab.test", "mx.elsewhere.test"});
    CHECK(controls.devices().empty());
    CHECK(controls.host_up("mx.elsewhere.test"));

    const std::size_t down = controls.set_host_up("mx.elsewhere.test", false);
    CHECK_FALSE(controls.host_up("mx.elsewhere.test"));
    CHECK(controls.host_up("mail.maillab.test"));
    CHECK(traced_after(lab.world.trace(), down, sim::EventKind::HostDown));
    CHECK(ups == 0);

    const std::size_t up = controls.set_host_up("mx.elsewhere.test", true);
    CHECK(controls.host_up("mx.elsewhere.test"));
    CHECK(traced_after(lab.world.trace(), up, sim::EventKind::HostUp));
    CHECK(ups == 1);  // serve retries its queues now
}

TEST_CASE("serve controls ignore unknown hosts and repeated requests") {
    ServeWorld lab;
    int ups = 0;
    cli::ServeControls controls{lab.world, [&ups] { ++ups; }};
    const std::size_t size = lab.world.trace().size();
    CHECK(controls.set_host_up("no.such.host", false) == size);
    CHECK_FALSE(controls.host_up("no.such.host"));
    CHECK(controls.set_host_up("mail.maillab.test", true) == size);  // already up
    CHECK(lab.world.trace().size() == size);
    CHECK(ups == 0);
}
