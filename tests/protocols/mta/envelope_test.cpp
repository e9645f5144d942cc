#include "protocols/mta/envelope.hpp"

#include <catch2/catch.hpp>

#include "protocols/mta/date_format.hpp"

using namespace maillab::protocols::mta;

TEST_CASE("queue ids are Postfix-style hex and parse back") {
    REQUIRE(format_queue_id(1) == "00000001");
    REQUIRE(format_queue_id(0xA1F) == "00000A1F");
    REQUIRE(format_queue_id(0x123456789ULL) == "123456789");
    REQUIRE(parse_queue_id("00000A1F") == 0xA1FU);
    REQUIRE_FALSE(parse_queue_id("A1F"));       // not the canonical spelling
    REQUIRE_FALSE(parse_queue_id("00000a1f"));  // lower case is not ours
    REQUIRE_FALSE(parse_queue_id("0000001G"));
    REQUIRE_FALSE(parse_queue_id(""));
    REQUIRE_FALSE(parse_queue_id("00000000000000001"));  // 17 digits
}

TEST_CASE("SMTP replies parse with and without an enhanced code") {
    auto r = parse_smtp_reply("550 5.1.1 <bob@example.net>: no such user");
    REQUIRE(r);
    REQUIRE(r->code == 550);
    REQUIRE(r->enhanced == "5.1.1");
    REQUIRE(r->text == "<bob@example.net>: no such user");
    REQUIRE(r->permanent());
    REQUIRE(r->to_string() == "550 5.1.1 <bob@example.net>: no such user");

    r = parse_smtp_reply("451 try again");
    REQUIRE(r);
    REQUIRE(r->enhanced.empty());
    REQUIRE(r->transient());

    // An enhanced code whose class differs from the reply's is just text.
    r = parse_smtp_reply("250 5.1.1 odd");
    REQUIRE(r->enhanced.empty());
    REQUIRE(r->text == "5.1.1 odd");

    REQUIRE(parse_smtp_reply("250")->positive());
    REQUIRE_FALSE(parse_smtp_reply("25"));
    REQUIRE_FALSE(parse_smtp_reply("999 nope"));
    REQUIRE_FALSE(parse_smtp_reply("250x"));
}

TEST_CASE("NOTIFY values follow RFC 3461 §4.1") {
    auto n = parse_notify("success,FAILURE");
    REQUIRE(n);
    REQUIRE(n->wants_success());
    REQUIRE(n->wants_failure());
    REQUIRE_FALSE(n->wants_delay());
    REQUIRE(n->to_string() == "SUCCESS,FAILURE");

    n = parse_notify("NEVER");
    REQUIRE(n);
    REQUIRE_FALSE(n->wants_failure());
    REQUIRE_FALSE(n->wants_success());

    REQUIRE_FALSE(parse_notify("NEVER,SUCCESS"));
    REQUIRE_FALSE(parse_notify("SOMETIMES"));
    REQUIRE_FALSE(parse_notify(""));
    REQUIRE_FALSE(parse_notify("SUCCESS,"));

    const Notify none;  // no NOTIFY given: failures are reported, nothing else
    REQUIRE(none.wants_failure());
    REQUIRE_FALSE(none.wants_success());
    REQUIRE_FALSE(none.wants_delay());
}

TEST_CASE("domain_of takes the part after the last @, lower-cased") {
    REQUIRE(domain_of("Bob@Example.NET") == "example.net");
    REQUIRE(domain_of("\"a@b\"@example.org") == "example.org");
    REQUIRE(domain_of("postmaster") == "");
}

TEST_CASE("RFC 5322 dates come from virtual time and the world epoch") {
    REQUIRE(format_rfc5322_date(0) == "Thu, 01 Jan 2026 00:00:00 +0000");
    REQUIRE(format_rfc5322_date(90 * kMicrosPerMinute + 5 * kMicrosPerSecond + 999'999) ==
            "Thu, 01 Jan 2026 01:30:05 +0000");
    // 59 days later is 1 March 2026 (2026 is not a leap year), a Sunday.
    REQUIRE(format_rfc5322_date(59 * 24 * kMicrosPerHour) == "Sun, 01 Mar 2026 00:00:00 +0000");
    REQUIRE(format_rfc5322_date(0, 951782400) == "Tue, 29 Feb 2000 00:00:00 +0000");
    REQUIRE(format_rfc5322_date(-kMicrosPerSecond, 0) == "Wed, 31 Dec 1969 23:59:59 +0000");
}
