#include "sim/kernel/pool.hpp"

#include <catch2/catch.hpp>
#include <string>

using maillab::sim::Pool;

TEST_CASE("a pool lends given-back objects again, as they were left, and never moves them") {
    Pool<std::string> pool;
    const auto a = pool.lend();
    pool[a] = "first";
    const std::string* where = &pool[a];
    for (int i = 0; i < 100; ++i)
        pool.lend();
    REQUIRE(&pool[a] == where);
    REQUIRE(pool.lent() == 101);
    pool.give_back(a);
    REQUIRE(pool.lent() == 100);
    const auto again = pool.lend();
    REQUIRE(again == a);
    REQUIRE(pool[again] == "first");  // the caller resets what it needs to
}
