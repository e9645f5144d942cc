#include "sim/trace/event_log.hpp"

#include <catch2/catch.hpp>
#include <utility>

using namespace maillab::sim;

TEST_CASE("an event log keeps every event in order across many growths, and moves whole") {
    EventLog log;
    REQUIRE(log.empty());
    constexpr std::size_t kEvents = 100'000;  // several MB: the large-block regrowth too
    for (std::size_t i = 0; i < kEvents; ++i) {
        Event e;
        e.t = static_cast<SimTime>(i / 3);
        e.seq = i;
        e.value = static_cast<std::int64_t>(i * 7);
        e.payload = PayloadRef{i * 10, static_cast<std::uint32_t>(i % 50)};
        log.push_back(e);
        REQUIRE(log.back().seq == i);
    }
    REQUIRE(log.size() == kEvents);
    bool all_kept = true;
    for (std::size_t i = 0; i < kEvents; ++i) {
        const Event& e = log.all()[i];
        all_kept = all_kept && e.seq == i && e.value == static_cast<std::int64_t>(i * 7) &&
                   e.t == static_cast<SimTime>(i / 3) && e.payload.offset == i * 10;
    }
    REQUIRE(all_kept);

    EventLog moved = std::move(log);
    REQUIRE(moved.size() == kEvents);
    REQUIRE(moved[kEvents - 1].seq == kEvents - 1);
    REQUIRE(log.empty());  // NOLINT(bugprone-use-after-move): a moved-from log is empty
    log = std::move(moved);
    REQUIRE(log.size() == kEvents);
}
