#include "sim/kernel/event_queue.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <random>
#include <vector>

using namespace maillab::sim;

TEST_CASE(
    "random pushes, cancels and reschedules come out in (time, push order) like a sorted list") {
    std::mt19937_64 rng{42};
    EventQueue queue;
    struct Model {
        SimTime t;
        int order;
        EventId id;
    };
    std::vector<Model> live;
    std::vector<int> ran;
    std::map<int, int> rescheduled_as;  // an event's order since its last reschedule
    auto current_order = [&](const Model& m) {
        const auto it = rescheduled_as.find(m.order);
        return it == rescheduled_as.end() ? m.order : it->second;
    };
    int next = 0;
    for (int round = 0; round < 5'000; ++round) {
        const auto dice = rng() % 10;
        if (dice < 6) {
            const SimTime t = static_cast<SimTime>(rng() % 50);
            const int order = next++;
            live.push_back({t, order, queue.push(t, [&ran, order] { ran.push_back(order); })});
        } else if (dice < 7 && !live.empty()) {
            const auto victim = rng() % live.size();
            REQUIRE(queue.cancel(live[victim].id));
            REQUIRE_FALSE(queue.cancel(live[victim].id));
            live.erase(live.begin() + static_cast<std::ptrdiff_t>(victim));
        } else if (dice < 8 && !live.empty()) {
            // Like a cancel and a push: the event takes the order of a new one,
            // and its callback still reports the order it was pushed with.
            Model& moved = live[rng() % live.size()];
            const EventId old = moved.id;
            moved.t = static_cast<SimTime>(rng() % 50);
            const auto id = queue.reschedule(old, moved.t);
            REQUIRE(id);
            REQUIRE_FALSE(queue.reschedule(old, moved.t));
            REQUIRE_FALSE(queue.cancel(old));
            moved.id = *id;
            rescheduled_as[moved.order] = next++;
        } else if (!queue.empty()) {
            const auto first = std::min_element(live.begin(), live.end(), [&](auto& a, auto& b) {
                return a.t != b.t ? a.t < b.t : current_order(a) < current_order(b);
            });
            REQUIRE(queue.next_time() == first->t);
            queue.pop().callback();
            REQUIRE(ran.back() == first->order);
            REQUIRE_FALSE(queue.cancel(first->id));  // already came out
            live.erase(first);
        }
        REQUIRE(queue.size() == live.size());
    }
}

TEST_CASE("an id never issued, or of a slot's earlier occupant, cancels nothing") {
    EventQueue queue;
    REQUIRE_FALSE(queue.cancel(EventId{}));
    const EventId first = queue.push(5, [] {});
    REQUIRE(queue.cancel(first));
    const EventId second = queue.push(5, [] {});
    REQUIRE(second.slot == first.slot);  // the slot is reused
    REQUIRE_FALSE(queue.cancel(first));
    REQUIRE(queue.size() == 1);
    REQUIRE(queue.cancel(second));
    REQUIRE_FALSE(queue.reschedule(second, 9));  // cancelled: nothing to move
}

TEST_CASE("a callback whose captures cancel and schedule as they are destroyed is safe") {
    EventQueue queue;
    struct Canceller {
        EventQueue& queue;
        EventId other;
        ~Canceller() {
            queue.cancel(other);
            queue.push(100, [] {});
        }
    };
    const EventId other = queue.push(2, [] {});
    const EventId id = queue.push(1, [c = std::make_shared<Canceller>(queue, other)] {});
    REQUIRE(queue.cancel(id));
    REQUIRE(queue.size() == 1);
    REQUIRE(queue.next_time() == 100);
}
