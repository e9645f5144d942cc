#include "protocols/mime/transfer_encoding.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "protocols/mime/transfer_decoding.hpp"

using namespace maillab::protocols::mime;

namespace {

void check_line_lengths(const std::string& encoded) {
    std::size_t start = 0;
    while (start < encoded.size()) {
        std::size_t end = encoded.find("\r\n", start);
        if (end == std::string::npos) end = encoded.size();
        CHECK(end - start <= kMaxEncodedLineChars);
        start = end + 2;
    }
}

std::string random_bytes(std::mt19937& rng, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(static_cast<char>(std::uniform_int_distribution<int>{0, 255}(rng)));
    }
    return out;
}

}  // namespace

TEST_CASE("base64 bodies: lines of at most 76 characters, round trip") {
    std::mt19937 rng{7};
    for (const std::size_t n : {0u, 1u, 56u, 57u, 58u, 1000u}) {
        const std::string bytes = random_bytes(rng, n);
        const std::string encoded = encode_base64_body(bytes);
        check_line_lengths(encoded);
        CHECK(decode_transfer_encoding(encoded, "base64") == bytes);
    }
    CHECK(encode_base64_body("Hello") == "SGVsbG8=\r\n");
}

TEST_CASE("quoted-printable: escapes, trailing whitespace, line breaks") {
    CHECK(encode_quoted_printable("caf\xC3\xA9 = 1") == "caf=C3=A9 =3D 1");
    CHECK(encode_quoted_printable("trailing \nspace\t\r\nend") == "trailing=20\r\nspace=09\r\nend");
    CHECK(encode_quoted_printable("bare\rcr\r") == "bare=0Dcr=0D");
}

TEST_CASE("quoted-printable: soft breaks keep lines within 76 characters") {
    const std::string text = std::string(200, 'a') + "\n" + std::string(100, '\xE9');
    const std::string encoded = encode_quoted_printable(text);
    check_line_lengths(encoded);
    CHECK(decode_quoted_printable(encoded) ==
          std::string(200, 'a') + "\r\n" + std::string(100, '\xE9'));
}

TEST_CASE("quoted-printable round-trips any bytes without LF exactly") {
    std::mt19937 rng{11};
    for (int round = 0; round < 200; ++round) {
        std::string bytes = random_bytes(rng, 300);
        for (char& c : bytes) {
            if (c == '\n') c = ' ';
        }
        const std::string encoded = encode_quoted_printable(bytes);
        check_line_lengths(encoded);
        REQUIRE(decode_quoted_printable(encoded) == bytes);
    }
}
