#include "sim/state/state_timeline.hpp"

#include <catch2/catch.hpp>

using namespace maillab::sim;

namespace {

// A trace where message uid i is appended at event 2i and expunged at 2i+1
// for odd i, so the mailbox size after any prefix is easy to compute.
void build(Trace& t, int n) {
    for (int i = 1; i <= n; ++i) {
        t.append({.t = i,
                  .kind = EventKind::MessageAppended,
                  .host = 1,
                  .value = i,
                  .payload = "u/INBOX"});
        if (i % 2 == 1) {
            t.append({.t = i,
                      .kind = EventKind::MessageExpunged,
                      .host = 1,
                      .value = i,
                      .payload = "u/INBOX"});
        } else {
            t.append({.t = i, .kind = EventKind::SessionNote, .payload = "tick"});
        }
    }
}

std::size_t expected_size(std::size_t count) {
    std::size_t size = 0;
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t i = k / 2 + 1;
        if (k % 2 == 0)
            ++size;
        else if (i % 2 == 1)
            --size;
    }
    return size;
}

}  // namespace

TEST_CASE("seeking anywhere gives the same state as folding from the start") {
    Trace t;
    build(t, 500);
    StateTimeline timeline{t, 64};
    for (std::size_t count : {0u, 1u, 2u, 63u, 64u, 65u, 500u, 999u, 1000u}) {
        const WorldState s = timeline.at(count);
        REQUIRE(s.applied == count);
        REQUIRE(s.mailbox_size(1, "u/INBOX") == expected_size(count));
    }
    // Backwards after forwards: seeking is exact in both directions.
    REQUIRE(timeline.at(1000).mailbox_size(1, "u/INBOX") == 250);
    REQUIRE(timeline.at(3).mailbox_size(1, "u/INBOX") == expected_size(3));
}

TEST_CASE("the timeline follows a trace that keeps growing") {
    Trace t;
    build(t, 10);
    StateTimeline timeline{t, 4};
    REQUIRE(timeline.at(t.size()).mailbox_size(1, "u/INBOX") == 5);
    t.append({.t = 100,
              .kind = EventKind::MessageAppended,
              .host = 1,
              .value = 99,
              .payload = "u/INBOX"});
    REQUIRE(timeline.at(t.size()).mailbox_size(1, "u/INBOX") == 6);
    REQUIRE(timeline.at(t.size() + 50).applied == t.size());
}
