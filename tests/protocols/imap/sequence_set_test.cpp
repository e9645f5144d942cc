#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/sequence_set.hpp"

using namespace maillab::protocols::imap;

TEST_CASE("sequence sets parse ranges, stars and the saved result", "[imap][seqset]") {
    auto set = parse_sequence_set("1:*,3,5:7");
    REQUIRE(set);
    CHECK(set->ranges == std::vector<SeqRange>{{1, kStar}, {3, 3}, {5, 7}});
    CHECK_FALSE(set->saved);
    CHECK(format_sequence_set(*set) == "1:*,3,5:7");

    auto saved = parse_sequence_set("$");
    REQUIRE(saved);
    CHECK(saved->saved);
    CHECK(format_sequence_set(*saved) == "$");

    auto reversed = parse_sequence_set("7:5");
    REQUIRE(reversed);
    CHECK(sequence_set_contains(*reversed, 6, 10));
    CHECK_FALSE(sequence_set_contains(*reversed, 8, 10));

    auto star = parse_sequence_set("*");
    REQUIRE(star);
    CHECK(sequence_set_contains(*star, 10, 10));
    CHECK_FALSE(sequence_set_contains(*star, 9, 10));
    CHECK(sequence_set_contains(*parse_sequence_set("5:*"), 7, 10));
    CHECK(sequence_set_contains(*parse_sequence_set("5:*"), 3, 3));  // "5:*" with 3 messages is 3:5
}

TEST_CASE("sequence sets refuse zero, overflow and junk", "[imap][seqset]") {
    for (const char* bad : {"0", "1:0", "4294967296", "1,", ",1", "1::2", "", "a", "1:*:", "$1",
                            "99999999999999999999", "-1"}) {
        INFO(bad);
        CHECK_FALSE(parse_sequence_set(bad));
    }
    CHECK(parse_sequence_set("4294967295")->ranges.front().first == 4294967295u);
}

TEST_CASE("sequence sets have a range limit", "[imap][seqset]") {
    std::string many;
    for (std::size_t i = 1; i <= kMaxSequenceRanges; ++i) {
        if (i > 1) many += ',';
        many += std::to_string(i * 2);
    }
    auto at_limit = parse_sequence_set(many);
    REQUIRE(at_limit);
    CHECK(at_limit->ranges.size() == kMaxSequenceRanges);
    CHECK_FALSE(parse_sequence_set(many + ",1"));
}

TEST_CASE("compress_numbers folds runs into ranges", "[imap][seqset]") {
    CHECK(format_sequence_set(compress_numbers({7, 1, 2, 3, 4, 5})) == "1:5,7");
    CHECK(format_sequence_set(compress_numbers({3, 3, 2})) == "2:3");
    CHECK(format_sequence_set(compress_numbers({})) == "");
    CHECK(format_sequence_set(compress_numbers({10, 12, 14, 15})) == "10,12,14:15");
    CHECK(format_sequence_set(compress_numbers({4294967295u, 4294967294u})) ==
          "4294967294:4294967295");
    CHECK(format_sequence_set(compress_numbers({0, 1})) == "1");
}
