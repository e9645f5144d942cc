#include "protocols/core/utf8.hpp"

#include <catch2/catch.hpp>

using maillab::protocols::core::is_valid_utf8;

TEST_CASE("valid UTF-8 is accepted") {
    REQUIRE(is_valid_utf8("plain ascii"));
    REQUIRE(is_valid_utf8("Grüße, 日本, 🙂"));
    REQUIRE(is_valid_utf8(""));
}

TEST_CASE("invalid UTF-8 is refused") {
    REQUIRE_FALSE(is_valid_utf8("\xff"));
    REQUIRE_FALSE(is_valid_utf8("\xc3"));              // truncated
    REQUIRE_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
    REQUIRE_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
    REQUIRE_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
}
