#include "protocols/mime/header_block.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace maillab::protocols::mime;

TEST_CASE("header fields with folding, CRLF line ends") {
    const std::string msg =
        "From: Alice <alice@example.org>\r\n"
        "Subject: a long\r\n"
        " \tsubject line\r\n"
        "X-Empty:\r\n"
        "\r\n"
        "Body line\r\n";
    const HeaderBlock block = parse_header_block(msg);
    REQUIRE(block.fields.size() == 3);
    CHECK(block.fields[0].name == "From");
    CHECK(block.fields[0].value == "Alice <alice@example.org>");
    CHECK(block.fields[1].raw_value == " a long\r\n \tsubject line");
    CHECK(block.fields[1].value == "a long \tsubject line");
    CHECK(block.fields[2].value.empty());
    CHECK(block.has_blank_line);
    CHECK(block.body_offset == msg.find("Body"));
    CHECK(block.header_size == block.body_offset);
    CHECK(block.fields[1].offset == msg.find("Subject"));
}

TEST_CASE("bare LF line ends give the same fields") {
    const std::string msg = "Subject: one\n two\nTo: b@example.org\n\nbody\n";
    const HeaderBlock block = parse_header_block(msg);
    REQUIRE(block.fields.size() == 2);
    CHECK(block.fields[0].value == "one two");
    CHECK(block.body_offset == msg.find("body"));
}

TEST_CASE("case-insensitive lookup, first and all") {
    const HeaderBlock block =
        parse_header_block("Received: one\r\nRECEIVED: two\r\nsubject: hi\r\n\r\n");
    REQUIRE(block.find("Subject") != nullptr);
    CHECK(block.find("SUBJECT")->value == "hi");
    CHECK(block.find("received")->value == "one");
    const auto all = block.find_all("Received");
    REQUIRE(all.size() == 2);
    CHECK(all[1]->value == "two");
    CHECK(block.find("Date") == nullptr);
}

TEST_CASE("no empty line: everything is header, the body is empty") {
    const std::string msg = "Subject: x\r\nTo: y@z";
    const HeaderBlock block = parse_header_block(msg);
    CHECK(block.fields.size() == 2);
    CHECK(block.fields[1].value == "y@z");
    CHECK_FALSE(block.has_blank_line);
    CHECK(block.body_offset == msg.size());
}

TEST_CASE("a line without a colon ends the header section and starts the body") {
    const std::string msg = "Subject: x\r\nthis is not a header\r\nTo: y@z\r\n\r\nrest";
    const HeaderBlock block = parse_header_block(msg);
    REQUIRE(block.fields.size() == 1);
    CHECK(block.ended_at_malformed);
    CHECK_FALSE(block.has_blank_line);
    CHECK(block.body_offset == msg.find("this is"));
}

TEST_CASE("a continuation line first is malformed: body starts at offset 0") {
    const HeaderBlock block = parse_header_block(" folded: nothing\r\n\r\n");
    CHECK(block.fields.empty());
    CHECK(block.ended_at_malformed);
    CHECK(block.body_offset == 0);
}

TEST_CASE("invalid field names (control bytes, NUL) end the header section") {
    const std::string msg{"Good: 1\r\nBa\0d: 2\r\n\r\n", 20};
    const HeaderBlock block = parse_header_block(msg);
    CHECK(block.fields.size() == 1);
    CHECK(block.ended_at_malformed);
    CHECK(block.body_offset == 9);
}

TEST_CASE("WSP before the colon is accepted (obs-optional)") {
    const HeaderBlock block = parse_header_block("Subject  : old style\r\n\r\n");
    REQUIRE(block.fields.size() == 1);
    CHECK(block.fields[0].name == "Subject");
    CHECK(block.fields[0].value == "old style");
}

TEST_CASE("NUL bytes inside a value are kept") {
    const std::string msg{"X: a\0b\r\n\r\n", 10};
    const HeaderBlock block = parse_header_block(msg);
    REQUIRE(block.fields.size() == 1);
    CHECK(block.fields[0].value == std::string{"a\0b", 3});
}

TEST_CASE("limit: kMaxHeaderFields fields kept, the rest counted, body still found") {
    std::string msg;
    for (std::size_t i = 0; i < kMaxHeaderFields + 5; ++i) {
        msg += "X-N: " + std::to_string(i) + "\r\n  folded\r\n";
    }
    msg += "\r\nbody";
    const HeaderBlock block = parse_header_block(msg);
    CHECK(block.fields.size() == kMaxHeaderFields);
    CHECK(block.dropped_fields == 5);
    CHECK(block.fields.back().value == std::to_string(kMaxHeaderFields - 1) + "  folded");
    CHECK(block.body_offset == msg.size() - 4);
}

TEST_CASE("limit: lines over 998 octets are accepted and counted") {
    const std::string msg =
        "X-Long: " + std::string(kRfcMaxLineOctets, 'a') + "\r\nX-Short: b\r\n\r\n";
    const HeaderBlock block = parse_header_block(msg);
    CHECK(block.fields.size() == 2);
    CHECK(block.long_lines == 1);
    CHECK_FALSE(block.fields[0].truncated);
    CHECK(block.fields[0].value.size() == kRfcMaxLineOctets);
}

TEST_CASE("limit: a field longer than kMaxFieldOctets is cut and marked") {
    std::string msg = "X-Huge: ";
    while (msg.size() < kMaxFieldOctets * 2)
        msg += std::string(900, 'b') + "\r\n ";
    msg += "end\r\nSubject: after\r\n\r\nbody";
    const HeaderBlock block = parse_header_block(msg);
    REQUIRE(block.fields.size() == 2);
    CHECK(block.fields[0].truncated);
    CHECK(block.fields[0].name.size() + 1 + block.fields[0].raw_value.size() == kMaxFieldOctets);
    CHECK(block.fields[1].value == "after");
    CHECK(block.body_offset == msg.size() - 4);
}

TEST_CASE("empty input and a lone blank line") {
    CHECK(parse_header_block("").body_offset == 0);
    const HeaderBlock blank = parse_header_block("\r\nbody");
    CHECK(blank.fields.empty());
    CHECK(blank.has_blank_line);
    CHECK(blank.body_offset == 2);
}

TEST_CASE("a truncated header (cut inside a field) keeps what is there") {
    const std::string msg = "Subject: cut her";
    const HeaderBlock block = parse_header_block(msg);
    REQUIRE(block.fields.size() == 1);
    CHECK(block.fields[0].value == "cut her");
    CHECK(block.body_offset == msg.size());
}
