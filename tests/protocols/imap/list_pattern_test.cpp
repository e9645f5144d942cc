#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/list_pattern.hpp"

using namespace maillab::protocols::imap;

TEST_CASE("LIST patterns: * crosses the delimiter, % does not", "[imap][list]") {
    CHECK(list_pattern_matches("*", "INBOX", '/'));
    CHECK(list_pattern_matches("*", "Archive/2024/Q1", '/'));
    CHECK(list_pattern_matches("%", "Archive", '/'));
    CHECK_FALSE(list_pattern_matches("%", "Archive/2024", '/'));
    CHECK(list_pattern_matches("Archive/%", "Archive/2024", '/'));
    CHECK_FALSE(list_pattern_matches("Archive/%", "Archive/2024/Q1", '/'));
    CHECK(list_pattern_matches("Archive/*", "Archive/2024/Q1", '/'));
    CHECK_FALSE(list_pattern_matches("Archive/*", "Archive", '/'));
    CHECK(list_pattern_matches("A*e", "Archive", '/'));
    CHECK(list_pattern_matches("%/%/Q%", "Archive/2024/Q1", '/'));
    CHECK_FALSE(list_pattern_matches("Sent", "Sent Items", '/'));
    CHECK(list_pattern_matches("Sent*", "Sent Items", '/'));
    CHECK(list_pattern_matches("", "", '/'));
    CHECK_FALSE(list_pattern_matches("", "x", '/'));
    CHECK(list_pattern_matches("**%%*", "a/b/c", '/'));
}

TEST_CASE("LIST patterns: INBOX in any case, other names exactly", "[imap][list]") {
    CHECK(list_pattern_matches("inbox", "INBOX", '/'));
    CHECK(list_pattern_matches("InBox/%", "INBOX/Lists", '/'));
    CHECK_FALSE(list_pattern_matches("sent", "Sent", '/'));
    CHECK_FALSE(list_pattern_matches("inboxes", "INBOXES", '/'));
}

TEST_CASE("LIST patterns: long hostile patterns stay cheap and bounded", "[imap][list]") {
    const std::string stars(kMaxListPatternOctets, '*');
    CHECK(list_pattern_matches(stars, std::string(500, 'a'), '/'));
    std::string percents;
    for (std::size_t i = 0; i < kMaxListPatternOctets / 2; ++i)
        percents += "%a";
    CHECK_FALSE(list_pattern_matches(percents, std::string(400, 'a') + "b", '/'));
    CHECK_FALSE(list_pattern_matches(stars + "*", "a", '/'));  // over the limit
    CHECK(list_canonical_pattern("Archive/", "%") == "Archive/%");
}
