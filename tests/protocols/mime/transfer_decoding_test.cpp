#include "protocols/mime/transfer_decoding.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace maillab::protocols::mime;

TEST_CASE("quoted-printable: escapes, soft breaks, line ends kept") {
    CHECK(decode_quoted_printable("caf=C3=A9") == "caf\xC3\xA9");
    CHECK(decode_quoted_printable("caf=c3=a9") == "caf\xC3\xA9");
    CHECK(decode_quoted_printable("long=\r\nline\r\nnext") == "longline\r\nnext");
    CHECK(decode_quoted_printable("long=\nline\nnext\n") == "longline\nnext\n");
    CHECK(decode_quoted_printable("soft with space= \t\r\nend") == "soft with spaceend");
}

TEST_CASE("quoted-printable: trailing whitespace removed (RFC 2045 §6.7 rule 3)") {
    CHECK(decode_quoted_printable("text   \r\nmore\t\r\n") == "text\r\nmore\r\n");
    CHECK(decode_quoted_printable("keep=20\r\n") == "keep \r\n");
}

TEST_CASE("quoted-printable: invalid escapes are kept literally") {
    CHECK(decode_quoted_printable("a=ZZb") == "a=ZZb");
    CHECK(decode_quoted_printable("a=4") == "a=4");
    CHECK(decode_quoted_printable("=") == "");
    CHECK(decode_quoted_printable("100% =\xFF") == "100% =\xFF");
    CHECK(decode_quoted_printable(std::string{"a\0=00", 5}) == std::string{"a\0\0", 3});
}

TEST_CASE("transfer encodings by name, case-insensitive, unknown ones pass through") {
    CHECK(decode_transfer_encoding("SGVs\r\nbG8=\r\n", "BASE64") == "Hello");
    CHECK(decode_transfer_encoding("SGVsbG8", "base64") == "Hello");
    CHECK(decode_transfer_encoding("a=3Db", "Quoted-Printable") == "a=b");
    CHECK(decode_transfer_encoding("a=3Db", "8bit") == "a=3Db");
    CHECK(decode_transfer_encoding("a=3Db", "x-uuencode") == "a=3Db");
}

TEST_CASE("decode_text converts the part's charset to UTF-8") {
    const std::string msg =
        "Content-Type: text/plain; charset=iso-8859-1\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        "Gr=FC=DFe\r\n";
    const MimeTree tree = parse_mime(msg);
    CHECK(decode_body(msg, tree.root()) ==
          "Gr\xFC\xDF"
          "e\r\n");
    CHECK(decode_text(msg, tree.root()) ==
          "Gr\xC3\xBC\xC3\x9F"
          "e\r\n");
}

TEST_CASE("part_body of a part from another message stays inside the input") {
    MimePart part;
    part.body_offset = 100;
    part.body_size = 10;
    CHECK(part_body("short", part).empty());
    part.body_offset = 2;
    CHECK(part_body("short", part) == "ort");
}
