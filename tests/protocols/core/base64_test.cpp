#include "protocols/core/base64.hpp"

#include <catch2/catch.hpp>

using namespace maillab::protocols::core;

TEST_CASE("base64 round-trips every length") {
    std::string bytes;
    for (int i = 0; i < 40; ++i) {
        REQUIRE(decode_base64_strict(encode_base64(bytes)) == bytes);
        bytes.push_back(static_cast<char>(i * 37));
    }
}

TEST_CASE("known vectors from RFC 4648 §10") {
    REQUIRE(encode_base64("foobar") == "Zm9vYmFy");
    REQUIRE(encode_base64("fo") == "Zm8=");
    REQUIRE(decode_base64_strict("Zm9vYg==") == "foob");
    REQUIRE(decode_base64_strict("AGFsaWNlAHNlY3JldA==") == std::string{"\0alice\0secret", 13});
}

TEST_CASE("strict decoding refuses anything but canonical base64") {
    REQUIRE_FALSE(decode_base64_strict("Zm9v!"));
    REQUIRE_FALSE(decode_base64_strict("Zm9"));
    REQUIRE_FALSE(decode_base64_strict("Zm=v"));
    REQUIRE_FALSE(decode_base64_strict("Z==="));
    REQUIRE_FALSE(decode_base64_strict("Zm9v\r\n"));
    REQUIRE(decode_base64_strict("") == "");
}

TEST_CASE("lenient decoding skips line breaks and junk as RFC 2045 says") {
    REQUIRE(decode_base64_lenient("Zm9v\r\nYmFy\r\n") == "foobar");
    REQUIRE(decode_base64_lenient("Zm9v*YmE") == "fooba");
    REQUIRE(decode_base64_lenient("Zm9vY") == "foo");
    REQUIRE(decode_base64_lenient("@@@") == "");
}
