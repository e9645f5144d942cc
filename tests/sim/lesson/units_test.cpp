#include <catch2/catch.hpp>

#include "sim/lesson/diagnostic.hpp"
#include "sim/lesson/key_depth.hpp"
#include "sim/lesson/units.hpp"

using namespace maillab::sim::lesson;

TEST_CASE("durations take one or more number-unit parts") {
    CHECK(parse_duration("20ms") == 20'000);
    CHECK(parse_duration("90s") == 90'000'000);
    CHECK(parse_duration("2h") == Micros{7'200'000'000});
    CHECK(parse_duration("1h30m") == Micros{5'400'000'000});
    CHECK(parse_duration("3d") == Micros{3} * 86'400'000'000);
    CHECK(parse_duration("500us") == 500);
    CHECK(parse_duration("400d") == kMaxDuration);
    CHECK_FALSE(parse_duration("401d"));
    CHECK_FALSE(parse_duration("99999999999999999999s"));
    CHECK_FALSE(parse_duration(""));
    CHECK_FALSE(parse_duration("5"));
    CHECK_FALSE(parse_duration("5 s"));
    CHECK_FALSE(parse_duration("-5s"));
    CHECK_FALSE(parse_duration("1.5h"));
    CHECK_FALSE(parse_duration("5weeks"));
}

TEST_CASE("sizes use decimal and binary units") {
    CHECK(parse_size("50KB") == 50'000u);
    CHECK(parse_size("2KiB") == 2048u);
    CHECK(parse_size("1MB") == 1'000'000u);
    CHECK(parse_size("300B") == 300u);
    CHECK(parse_size("1GB") == kMaxSize);
    CHECK_FALSE(parse_size("2GB"));
    CHECK_FALSE(parse_size("50"));
    CHECK_FALSE(parse_size("50kb"));
    CHECK_FALSE(parse_size("KB"));
}

TEST_CASE("bandwidths are bits per second") {
    CHECK(parse_bandwidth("10Mbps") == 10'000'000u);
    CHECK(parse_bandwidth("56kbps") == 56'000u);
    CHECK_FALSE(parse_bandwidth("0bps"));
    CHECK_FALSE(parse_bandwidth("10MB"));
}

TEST_CASE("IPv4 addresses are four decimal parts up to 255") {
    CHECK(is_ipv4("192.0.2.10"));
    CHECK(is_ipv4("0.0.0.0"));
    CHECK(is_ipv4("255.255.255.255"));
    CHECK_FALSE(is_ipv4("256.0.0.1"));
    CHECK_FALSE(is_ipv4("1.2.3"));
    CHECK_FALSE(is_ipv4("1.2.3.4.5"));
    CHECK_FALSE(is_ipv4("01.2.3.4"));
    CHECK_FALSE(is_ipv4("1.2.3.4 "));
    CHECK_FALSE(is_ipv4(""));
}

TEST_CASE("lesson ids and host names") {
    CHECK(is_lesson_id("pop3-vs-imap"));
    CHECK_FALSE(is_lesson_id("Pop3"));
    CHECK_FALSE(is_lesson_id("a--b"));
    CHECK_FALSE(is_lesson_id("-a"));
    CHECK_FALSE(is_lesson_id(std::string(kMaxIdLength + 1, 'a')));
    CHECK(is_host_name("mail.example.org"));
    CHECK(is_host_name("bob-pc"));
    CHECK_FALSE(is_host_name("bad_name"));
    CHECK_FALSE(is_host_name("a..b"));
    CHECK_FALSE(is_host_name("-a.b"));
    CHECK_FALSE(is_host_name(std::string(64, 'a')));
    CHECK_FALSE(is_host_name(std::string(kMaxHostNameLength + 1, 'a')));
}

TEST_CASE("suggestions pick the nearest candidate that is close enough") {
    const std::vector<std::string> keys{"user", "password", "quota_size", "quota_messages"};
    CHECK(nearest("pasword", keys) == "password");
    CHECK(nearest("quota_mesages", keys) == "quota_messages");
    CHECK(nearest("USER", keys) == "user");
    CHECK(nearest("colour", keys).empty());
    CHECK(did_you_mean("usr", keys) == " (did you mean 'user'?)");
    CHECK(did_you_mean(std::string(1000, 'x'), keys).empty());
}

TEST_CASE("the key-depth scan finds long dotted keys but not strings, comments or floats") {
    CHECK(find_deep_key("[[world.servers.accounts.messages]]\nx = 1.5\n", 12) == std::nullopt);
    CHECK(find_deep_key("a = \"..............................\"\n", 3) == std::nullopt);
    CHECK(find_deep_key("a = '''\n.........\n'''\n", 3) == std::nullopt);
    CHECK(find_deep_key("# ..........\n", 3) == std::nullopt);
    CHECK(find_deep_key("x = [1.5, 2.5, 3.5, 4.5]\n", 3) == std::nullopt);
    auto deep = find_deep_key("ok = 1\na.b.c.d.e = 1\n", 3);
    REQUIRE(deep);
    CHECK(deep->line == 2);
    CHECK(deep->column == 8);
    CHECK(find_deep_key(R"(a = """x \""" y"""
b.c.d.e.f = 1
)",
                        3));
}
