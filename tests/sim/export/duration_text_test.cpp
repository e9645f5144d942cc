#include "sim/export/duration_text.hpp"

#include <catch2/catch.hpp>

using namespace maillab::sim;

namespace {

constexpr SimTime kSecond = 1'000'000;
constexpr SimTime kMinute = 60 * kSecond;
constexpr SimTime kHour = 60 * kMinute;

}  // namespace

TEST_CASE("short times are seconds, with milliseconds under one second") {
    REQUIRE(duration_text(0) == "0 s");
    REQUIRE(duration_text(300'000) == "0.3 s");
    REQUIRE(duration_text(21'000) == "0.021 s");
    REQUIRE(duration_text(1'358'501) == "1.36 s");
    REQUIRE(duration_text(12'500'000) == "12.5 s");
    REQUIRE(duration_text(59 * kSecond) == "59 s");
}

TEST_CASE("longer times are the two largest units, rounded") {
    REQUIRE(duration_text(72 * kSecond) == "1 min 12 s");
    REQUIRE(duration_text(2 * kMinute) == "2 min");
    REQUIRE(duration_text(1358 * kSecond + 501'000) == "22 min 39 s");
    REQUIRE(duration_text(3 * kHour + 30 * kMinute) == "3 h 30 min");
    REQUIRE(duration_text(5 * kHour + 10 * kSecond) == "5 h");
    REQUIRE(duration_text(50 * kHour) == "2 d 2 h");
}

TEST_CASE("rounding never writes 60 of a unit") {
    REQUIRE(duration_text(999'900) == "1 s");
    REQUIRE(duration_text(9'999'000) == "10 s");
    REQUIRE(duration_text(59'990'000) == "1 min");
    REQUIRE(duration_text(kHour - 200'000) == "1 h");
    REQUIRE(duration_text(24 * kHour - 10 * kSecond) == "1 d");
}
