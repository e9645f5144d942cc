#include "protocols/mime/date_time.hpp"

#include <catch2/catch.hpp>

using namespace maillab::protocols::mime;

TEST_CASE("RFC 5322 dates with numeric zones") {
    const auto date = parse_rfc5322_date("Fri, 21 Nov 1997 09:55:06 -0600");
    REQUIRE(date);
    CHECK(date->utc_seconds == 880127706);
    CHECK(date->zone_minutes == -360);
    CHECK(format_rfc5322_date(*date) == "Fri, 21 Nov 1997 09:55:06 -0600");
    CHECK(parse_rfc5322_date("1 Jan 1970 00:00:00 +0000")->utc_seconds == 0);
    CHECK(parse_rfc5322_date("Thu, 13 Feb 1969 23:32 -0330")->utc_seconds == -27723480);
}

TEST_CASE("obsolete forms: zone names, 2- and 3-digit years, comments, no seconds") {
    CHECK(parse_rfc5322_date("21 Nov 97 09:55:06 GMT")->utc_seconds == 880106106);
    CHECK(parse_rfc5322_date("Fri, 21 Nov 097 09:55:06 UT")->utc_seconds == 880106106);
    CHECK(parse_rfc5322_date("21 Nov 1997 03:55:06 CST")->utc_seconds == 880106106);
    CHECK(parse_rfc5322_date("21 Nov 1997 04:55:06 EST")->zone_minutes == -300);
    CHECK(parse_rfc5322_date("21 Nov 1997 01:55:06 PST")->utc_seconds == 880106106);
    CHECK(parse_rfc5322_date("Fri(day),21(x) Nov 1997 09:55:06 (y) +0000 (z)")->utc_seconds ==
          880106106);
    CHECK(parse_rfc5322_date("21 Nov 1997 09:55 +0000")->utc_seconds == 880106100);
    CHECK(parse_rfc5322_date("1 Jan 49 00:00:00 +0000")->utc_seconds == 2493072000);
    CHECK(parse_rfc5322_date("1 January 2000 00:00:00 +0000")->utc_seconds == 946684800);
}

TEST_CASE("military letters, unknown and missing zones read as +0000") {
    CHECK(parse_rfc5322_date("21 Nov 1997 09:55:06 A")->zone_minutes == 0);
    CHECK(parse_rfc5322_date("21 Nov 1997 09:55:06 Z")->utc_seconds == 880106106);
    CHECK(parse_rfc5322_date("21 Nov 1997 09:55:06 XYZT")->zone_minutes == 0);
    CHECK(parse_rfc5322_date("21 Nov 1997 09:55:06")->utc_seconds == 880106106);
}

TEST_CASE("invalid dates are refused") {
    for (const char* text :
         {"", "garbage", "32 Jan 2000 00:00:00 +0000", "29 Feb 2001 00:00:00 +0000",
          "1 Foo 2000 00:00:00 +0000", "1 Jan 2000 24:00:00 +0000", "1 Jan 2000 10:60 +0000",
          "1 Jan 2000 10 +0000", "1 Jan 20000 00:00:00 +0000", "0 Jan 2000 00:00:00 +0000",
          "1 Jan 2000", "1 Jan 2000 ::", "1 Jan 2000 1:2:3:4"}) {
        CHECK_FALSE(parse_rfc5322_date(text));
    }
    CHECK(parse_rfc5322_date("29 Feb 2000 00:00:00 +0000"));
}

TEST_CASE("IMAP INTERNALDATE format and parse") {
    const MailDate date{837596665, -420};
    CHECK(format_imap_date_time(date) == "17-Jul-1996 02:44:25 -0700");
    CHECK(parse_imap_date_time("\"17-Jul-1996 02:44:25 -0700\"") == date);
    CHECK(parse_imap_date_time("17-Jul-1996 02:44:25 -0700") == date);
    const auto early = parse_imap_date_time(" 7-Jul-1996 02:44:25 +0000");
    REQUIRE(early);
    CHECK(format_imap_date_time(*early) == " 7-Jul-1996 02:44:25 +0000");
    CHECK(parse_imap_date_time("7-Jul-1996 02:44:25 +0000") == early);
    CHECK_FALSE(parse_imap_date_time("17-Jul-96 02:44:25 -0700"));
    CHECK_FALSE(parse_imap_date_time("17-July-1996 02:44:25 -0700"));
    CHECK_FALSE(parse_imap_date_time("17-Jul-1996 02:44 -0700"));
    CHECK_FALSE(parse_imap_date_time("17-Jul-1996 02:44:25 PDT"));
    CHECK_FALSE(parse_imap_date_time("17-Jul-1996"));
}

TEST_CASE("formatting crosses the date line with the zone") {
    const MailDate date{0, 60};
    CHECK(format_rfc5322_date(date) == "Thu, 1 Jan 1970 01:00:00 +0100");
    CHECK(format_rfc5322_date(MailDate{0, -90}) == "Wed, 31 Dec 1969 22:30:00 -0130");
    CHECK(format_imap_date_time(MailDate{0, -90}) == "31-Dec-1969 22:30:00 -0130");
}
