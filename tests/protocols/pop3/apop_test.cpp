#include "protocols/pop3/apop.hpp"

#include <catch2/catch.hpp>

using namespace maillab::protocols::pop3;

TEST_CASE("APOP digest matches the example of RFC 1939 §7") {
    const std::string stamp = "<1896.697170952@dbc.mtview.ca.us>";
    CHECK(apop_digest(stamp, "tanstaaf") == "c4c9334bac560ecc979e58001b3e22fb");
    CHECK(apop_matches("c4c9334bac560ecc979e58001b3e22fb", stamp, "tanstaaf"));
    CHECK(apop_matches("C4C9334BAC560ECC979E58001B3E22FB", stamp, "tanstaaf"));
    CHECK_FALSE(apop_matches("c4c9334bac560ecc979e58001b3e22fb", stamp, "tanstaaF"));
    CHECK_FALSE(apop_matches("c4c9334bac560ecc979e58001b3e22f", stamp, "tanstaaf"));
    CHECK_FALSE(apop_matches("", stamp, "tanstaaf"));
}

TEST_CASE("APOP timestamps are built from the owner's parts and found in greetings") {
    const auto stamp = make_apop_timestamp(1896, 697170952, "dbc.mtview.ca.us");
    CHECK(stamp == "<1896.697170952@dbc.mtview.ca.us>");
    CHECK(find_apop_timestamp("POP3 server ready " + stamp) == stamp);
    CHECK_FALSE(find_apop_timestamp("POP3 server ready"));
    CHECK_FALSE(find_apop_timestamp("ready <no-at-sign>"));
    CHECK_FALSE(find_apop_timestamp("ready <unterminated@x"));
}
