#include "protocols/mime/modified_utf7.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace maillab::protocols::mime;

TEST_CASE("RFC 3501 §5.1.3 example") {
    // "~peter/mail/台北/日本語"
    const std::string utf8 =
        "~peter/mail/\xE5\x8F\xB0\xE5\x8C\x97/\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E";
    CHECK(encode_modified_utf7(utf8) == "~peter/mail/&U,BTFw-/&ZeVnLIqe-");
    CHECK(decode_modified_utf7("~peter/mail/&U,BTFw-/&ZeVnLIqe-") == utf8);
}

TEST_CASE("ampersand, plain ASCII and the empty name") {
    CHECK(encode_modified_utf7("Tom & Jerry") == "Tom &- Jerry");
    CHECK(decode_modified_utf7("Tom &- Jerry") == "Tom & Jerry");
    CHECK(encode_modified_utf7("INBOX") == "INBOX");
    CHECK(decode_modified_utf7("") == "");
}

TEST_CASE("Latin, emoji (surrogate pair) and controls round-trip") {
    for (const std::string name : {"Entw\xC3\xBC rfe", "\xC3\xA9t\xC3\xA9", "\xF0\x9F\x93\xA7 Mail",
                                   "tab\there", "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC"}) {
        const auto encoded = encode_modified_utf7(name);
        REQUIRE(encoded);
        for (const char c : *encoded) {
            CHECK(static_cast<unsigned char>(c) >= 0x20);
            CHECK(static_cast<unsigned char>(c) <= 0x7E);
        }
        CHECK(decode_modified_utf7(*encoded) == name);
    }
    CHECK(encode_modified_utf7("\xC3\xA9") == "&AOk-");
}

TEST_CASE("invalid modified UTF-7 is rejected") {
    CHECK_FALSE(decode_modified_utf7("&U,BTFw"));      // "&" not closed
    CHECK_FALSE(decode_modified_utf7("&U/BTFw-"));     // "/" is not in the modified alphabet
    CHECK_FALSE(decode_modified_utf7("&AGE-"));        // "a" encoded needlessly
    CHECK_FALSE(decode_modified_utf7("&AOl-"));        // non-zero leftover bits
    CHECK_FALSE(decode_modified_utf7("&AO-"));         // too few bits for a UTF-16 unit
    CHECK_FALSE(decode_modified_utf7("&2D0-"));        // lone high surrogate
    CHECK_FALSE(decode_modified_utf7("&3DQ-"));        // lone low surrogate
    CHECK_FALSE(decode_modified_utf7("&AAA-"));        // U+0000
    CHECK_FALSE(decode_modified_utf7("&AOk-&AOk-"));   // two runs back to back
    CHECK_FALSE(decode_modified_utf7("caf\xC3\xA9"));  // raw 8-bit
    CHECK_FALSE(decode_modified_utf7("a\tb"));         // raw control
    CHECK_FALSE(decode_modified_utf7("&AOk=-"));       // padding
    CHECK(decode_modified_utf7("&AOkA6Q-") == "\xC3\xA9\xC3\xA9");
}

TEST_CASE("encoding refuses invalid UTF-8") {
    CHECK_FALSE(encode_modified_utf7("\xFF"));
    CHECK_FALSE(encode_modified_utf7("\xED\xA0\x80"));  // encoded surrogate
    CHECK_FALSE(encode_modified_utf7("\xC3"));
    CHECK_FALSE(encode_modified_utf7(std::string{"a\0b", 3}));
}
