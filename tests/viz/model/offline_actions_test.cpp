// What a device did offline stays listed until it is replayed on the server.
#include "viz/model/offline_actions.hpp"

#include <catch2/catch.hpp>

using namespace maillab;
using namespace maillab::viz;

TEST_CASE("offline actions wait until replayed, oldest first") {
    sim::Trace t;
    t.append({.kind = sim::EventKind::DeviceAction,
              .host = 4,
              .payload = "offline: opens \"Train tickets\" in its local copy; the change waits for "
                         "the next connection"});
    t.append({.kind = sim::EventKind::DeviceAction,
              .host = 4,
              .payload = "offline: deletes \"Weekly newsletter\" in its local copy; the change "
                         "waits for the next connection"});
    t.append({.kind = sim::EventKind::DeviceAction,
              .host = 3,
              .payload = "synchronises INBOX with IMAP at mail.example.org:143"});
    t.append({.kind = sim::EventKind::SessionNote,
              .host = 4,
              .payload = "pending Read replayed on the server"});
    OfflineActions actions;
    actions.index(t);
    REQUIRE(actions.pending(t, 4, 2) ==
            std::vector<std::string_view>{"opens \"Train tickets\" in its local copy",
                                          "deletes \"Weekly newsletter\" in its local copy"});
    REQUIRE(actions.pending(t, 4, t.size()) ==
            std::vector<std::string_view>{"deletes \"Weekly newsletter\" in its local copy"});
    REQUIRE(actions.pending(t, 3, t.size()).empty());
}
