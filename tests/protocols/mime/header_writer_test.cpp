#include "protocols/mime/header_writer.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "protocols/mime/address.hpp"
#include "protocols/mime/encoded_words.hpp"
#include "protocols/mime/header_block.hpp"

using namespace maillab::protocols::mime;

namespace {

std::string read_back(const std::string& field) {
    const HeaderBlock block = parse_header_block(field + "\r\n");
    REQUIRE(block.fields.size() == 1);
    return decode_encoded_words(block.fields[0].value);
}

}  // namespace

TEST_CASE("a short ASCII field is one line") {
    CHECK(format_header_field("Subject", "Hello") == "Subject: Hello\r\n");
}

TEST_CASE("long fields fold at whitespace within kFoldLineOctets and read back") {
    std::string text;
    for (int i = 0; i < 40; ++i)
        text += "word" + std::to_string(i) + " ";
    text +=
        "Gr\xC3\xBC\xC3\x9F"
        "e \xE2\x82\xAC end";
    const std::string field = format_header_field("Subject", text);
    CHECK(read_back(field) == text);
    std::size_t start = 0;
    std::size_t lines = 0;
    while (start < field.size()) {
        const std::size_t end = field.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        CHECK(end - start <= kFoldLineOctets);
        if (lines > 0) CHECK((field[start] == ' ' || field[start] == '\t'));
        ++lines;
        start = end + 2;
    }
    CHECK(lines > 3);
}

TEST_CASE("a word longer than a line is not split") {
    const std::string word(200, 'x');
    const std::string field = format_header_field("X-Long", "a " + word);
    CHECK(field == "X-Long: a\r\n " + word + "\r\n");
}

TEST_CASE("line breaks in a value cannot inject a header field") {
    const std::string field = format_header_field("Subject", "hi\r\nBcc: victim@x.test");
    const HeaderBlock block = parse_header_block(field + "\r\n");
    REQUIRE(block.fields.size() == 1);
    CHECK(decode_encoded_words(block.fields[0].value) == "hi\r\nBcc: victim@x.test");
}

TEST_CASE("format_address: atoms, quoted strings, encoded words, all parse back") {
    CHECK(format_address("", "a@x.test") == "<a@x.test>");
    CHECK(format_address("Bob Smith", "b@x.test") == "Bob Smith <b@x.test>");
    CHECK(format_address("Smith, \"Bob\"", "b@x.test") == "\"Smith, \\\"Bob\\\"\" <b@x.test>");
    for (const std::string name : {"Bob Smith", "Smith, Bob", "J\xC3\xBCrgen (Team A)",
                                   "M\xC3\xBCller, J\xC3\xBCrgen", "=?not?q?encoded?="}) {
        const AddressList list = parse_address_list(format_address(name, "u@x.test"));
        REQUIRE(list.entries.size() == 1);
        CHECK(list.entries[0].display_name == name);
        CHECK(list.entries[0].addr_spec() == "u@x.test");
    }
}
