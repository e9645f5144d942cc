#include "sim/kernel/slot_map.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <string>
#include <vector>

using maillab::sim::SlotMap;

TEST_CASE("a slot map finds exactly the live values, and no erased id finds a newer one") {
    std::mt19937_64 rng{11};
    SlotMap<std::string> map;
    std::map<SlotMap<std::string>::Id, std::string> live;
    std::vector<SlotMap<std::string>::Id> erased;
    for (int round = 0; round < 10'000; ++round) {
        if (rng() % 2 == 0 || live.empty()) {
            const std::string value = "v" + std::to_string(round);
            const auto id = map.insert(value);
            REQUIRE(id != 0);
            REQUIRE(live.emplace(id, value).second);  // ids are never issued twice
        } else {
            auto victim = std::next(live.begin(), static_cast<long>(rng() % live.size()));
            REQUIRE(map.erase(victim->first));
            REQUIRE_FALSE(map.erase(victim->first));
            erased.push_back(victim->first);
            live.erase(victim);
        }
        REQUIRE(map.size() == live.size());
    }
    for (const auto& [id, value] : live) {
        REQUIRE(map.find(id) != nullptr);
        REQUIRE(*map.find(id) == value);
    }
    for (const auto id : erased)
        REQUIRE_FALSE(map.contains(id));
    REQUIRE_FALSE(map.contains(0));
    std::size_t visited = 0;
    map.for_each([&](const std::string&) { ++visited; });
    REQUIRE(visited == live.size());
}
