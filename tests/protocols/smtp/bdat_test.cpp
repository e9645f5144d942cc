#include "protocols/smtp/bdat.hpp"

#include <catch2/catch.hpp>

using namespace maillab::protocols::smtp;

TEST_CASE("BDAT argument syntax") {
    REQUIRE(parse_bdat_argument("100")->size == 100u);
    REQUIRE_FALSE(parse_bdat_argument("100")->last);
    REQUIRE(parse_bdat_argument("0 LAST")->last);
    REQUIRE(parse_bdat_argument("5 last")->last);
    REQUIRE_FALSE(parse_bdat_argument(""));
    REQUIRE_FALSE(parse_bdat_argument("x"));
    REQUIRE_FALSE(parse_bdat_argument("-1"));
    REQUIRE_FALSE(parse_bdat_argument("5 FIRST"));
    REQUIRE_FALSE(parse_bdat_argument("5  LAST"));
    REQUIRE(parse_bdat_argument(std::string(kMaxBdatChunkDigits, '9')));
    REQUIRE_FALSE(parse_bdat_argument(std::string(kMaxBdatChunkDigits + 1, '9')));
}

TEST_CASE("BdatAssembler takes exactly the chunk and respects the size limit") {
    BdatAssembler a{10};
    a.begin_chunk(4);
    REQUIRE(a.feed("abcdefg") == 4);
    REQUIRE(a.chunk_done());
    a.begin_chunk(6);
    REQUIRE(a.feed("efghij") == 6);
    REQUIRE_FALSE(a.too_big());
    REQUIRE(a.take_message() == "abcdefghij");

    BdatAssembler b{10};
    b.begin_chunk(11);
    REQUIRE(b.feed(std::string(11, 'x')) == 11);
    REQUIRE(b.too_big());
    REQUIRE(b.octets() == 11u);
    REQUIRE(b.take_message().empty());
}
