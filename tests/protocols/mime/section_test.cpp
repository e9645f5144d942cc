#include "protocols/mime/section.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace maillab::protocols::mime;

namespace {

// The example structure of RFC 3501 §6.4.5.
const std::string kExample =
    "Subject: example\r\n"
    "Content-Type: multipart/mixed; boundary=top\r\n\r\n"
    "--top\r\nContent-Type: text/plain\r\n\r\npart 1\r\n"
    "--top\r\nContent-Type: application/octet-stream\r\n\r\npart 2\r\n"
    "--top\r\nContent-Type: message/rfc822\r\n\r\n"
    "Subject: part 3\r\nContent-Type: multipart/mixed; boundary=m3\r\n\r\n"
    "--m3\r\nContent-Type: text/plain\r\n\r\npart 3.1\r\n"
    "--m3\r\nContent-Type: application/octet-stream\r\n\r\npart 3.2\r\n"
    "--m3--\r\n"
    "--top\r\nContent-Type: multipart/mixed; boundary=m4\r\n\r\n"
    "--m4\r\nContent-Type: image/gif\r\n\r\npart 4.1\r\n"
    "--m4\r\nContent-Type: message/rfc822\r\n\r\n"
    "Subject: part 4.2\r\nContent-Type: multipart/mixed; boundary=m42\r\n\r\n"
    "--m42\r\nContent-Type: text/plain\r\n\r\npart 4.2.1\r\n"
    "--m42\r\nContent-Type: multipart/alternative; boundary=alt\r\n\r\n"
    "--alt\r\nContent-Type: text/plain\r\n\r\npart 4.2.2.1\r\n"
    "--alt\r\nContent-Type: text/richtext\r\n\r\npart 4.2.2.2\r\n"
    "--alt--\r\n"
    "--m42--\r\n"
    "--m4--\r\n"
    "--top--\r\n";

std::string type_at(const MimeTree& tree, std::string_view section) {
    const auto index = find_section(tree, section);
    return index ? tree.parts[*index].content_type.mime_type() : "none";
}

}  // namespace

TEST_CASE("RFC 3501 §6.4.5 example: every part specifier") {
    const MimeTree tree = parse_mime(kExample);
    CHECK(type_at(tree, "1") == "text/plain");
    CHECK(type_at(tree, "2") == "application/octet-stream");
    CHECK(type_at(tree, "3") == "message/rfc822");
    CHECK(type_at(tree, "3.1") == "text/plain");
    CHECK(type_at(tree, "3.2") == "application/octet-stream");
    CHECK(type_at(tree, "4") == "multipart/mixed");
    CHECK(type_at(tree, "4.1") == "image/gif");
    CHECK(type_at(tree, "4.2") == "message/rfc822");
    CHECK(type_at(tree, "4.2.1") == "text/plain");
    CHECK(type_at(tree, "4.2.2") == "multipart/alternative");
    CHECK(type_at(tree, "4.2.2.1") == "text/plain");
    CHECK(type_at(tree, "4.2.2.2") == "text/richtext");
}

TEST_CASE("part specifiers that name nothing") {
    const MimeTree tree = parse_mime(kExample);
    for (const char* bad : {"", "0", "5", "1.1", "4.3", "4.2.3", "1.", ".1", "1..2", "a", "-1",
                            "4.2.2.1.1", "99999999999"}) {
        CHECK_FALSE(find_section(tree, bad));
    }
}

TEST_CASE("a single-part message is part 1, inside message/rfc822 its body is .1") {
    const MimeTree plain = parse_mime("Subject: x\r\n\r\nbody\r\n");
    CHECK(find_section(plain, "1") == 0u);
    CHECK_FALSE(find_section(plain, "2"));

    const MimeTree wrapped =
        parse_mime("Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner body\r\n");
    CHECK(find_section(wrapped, "1") == 0u);
    const auto inner = find_section(wrapped, "1.1");
    REQUIRE(inner);
    CHECK(wrapped.parts[*inner].headers.find("Subject")->value == "inner");
}

TEST_CASE("nested messages: one number per level, none past the leaf") {
    std::string msg;
    for (int i = 0; i < 200; ++i)
        msg += "Content-Type: message/rfc822\n\n";
    const MimeTree tree = parse_mime(msg);
    std::string section = "1";
    for (std::size_t i = 1; i < kMaxNestingDepth; ++i)
        section += ".1";
    const auto deepest = find_section(tree, section);
    REQUIRE(deepest);
    CHECK(tree.parts[*deepest].depth == kMaxNestingDepth - 1);
    CHECK_FALSE(find_section(tree, section + ".1"));
}

TEST_CASE("limit: kMaxSectionNumberDigits digits per number") {
    const MimeTree tree = parse_mime("Subject: x\r\n\r\nbody\r\n");
    CHECK(find_section(tree, std::string(kMaxSectionNumberDigits - 1, '0') + "1") == 0u);
    CHECK_FALSE(find_section(tree, std::string(kMaxSectionNumberDigits, '0') + "1"));
}
