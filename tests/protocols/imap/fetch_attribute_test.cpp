#include <catch2/catch.hpp>
#include <string>

#include "tests/protocols/imap/parse_helpers.hpp"

using namespace maillab::protocols::imap;
using namespace maillab::protocols::imap::test;

namespace {

std::vector<FetchAttribute> atts(const std::string& text) {
    return parse_as<FetchCmd>("a FETCH 1 " + text).attributes;
}

FetchAttribute one(const std::string& text) {
    auto all = atts(text);
    REQUIRE(all.size() == 1);
    return all[0];
}

std::vector<FetchItem> items(const std::vector<FetchAttribute>& list) {
    std::vector<FetchItem> out;
    for (const auto& a : list)
        out.push_back(a.item);
    return out;
}

}  // namespace

TEST_CASE("FETCH macros expand per RFC 3501 §6.4.5", "[imap][fetch]") {
    using I = FetchItem;
    CHECK(items(atts("ALL")) ==
          std::vector<I>{I::Flags, I::InternalDate, I::Rfc822Size, I::Envelope});
    CHECK(items(atts("fast")) == std::vector<I>{I::Flags, I::InternalDate, I::Rfc822Size});
    CHECK(items(atts("FULL")) ==
          std::vector<I>{I::Flags, I::InternalDate, I::Rfc822Size, I::Envelope, I::Body});
    parse_bad("a FETCH 1 (ALL)");
}

TEST_CASE("simple FETCH items", "[imap][fetch]") {
    using I = FetchItem;
    CHECK(items(atts("(ENVELOPE FLAGS INTERNALDATE RFC822 RFC822.HEADER RFC822.SIZE RFC822.TEXT "
                     "BODY BODYSTRUCTURE UID MODSEQ)")) ==
          std::vector<I>{I::Envelope, I::Flags, I::InternalDate, I::Rfc822, I::Rfc822Header,
                         I::Rfc822Size, I::Rfc822Text, I::Body, I::BodyStructure, I::Uid,
                         I::ModSeq});
    CHECK(one("uid").item == I::Uid);
    for (const char* bad : {"a FETCH 1 RFC822.FOO", "a FETCH 1 (FLAGS UID", "a FETCH 1 ()",
                            "a FETCH 1 (FLAGS  UID)", "a FETCH 1 BODYSTRUCTURE[]"}) {
        CHECK(parse_bad(bad).tag == "a");
    }
}

TEST_CASE("BODY sections and partials", "[imap][fetch]") {
    auto whole = one("BODY[]");
    CHECK(whole.item == FetchItem::BodySection);
    CHECK_FALSE(whole.peek);
    CHECK(whole.section == Section{});
    CHECK(fetch_attribute_name(whole) == "BODY[]");

    auto peek = one("BODY.PEEK[HEADER.FIELDS (From Subject \"X-Odd Name\")]");
    CHECK(peek.peek);
    CHECK(peek.section.text == SectionText::HeaderFields);
    CHECK(peek.section.fields == std::vector<std::string>{"From", "Subject", "X-Odd Name"});
    CHECK(fetch_attribute_name(peek) == "BODY[HEADER.FIELDS (FROM SUBJECT X-ODD NAME)]");

    auto not_fields = one("body.peek[header.fields.not (Received)]");
    CHECK(not_fields.section.text == SectionText::HeaderFieldsNot);

    auto part = one("BODY[1.2.3.MIME]");
    CHECK(part.section.part == std::vector<std::uint32_t>{1, 2, 3});
    CHECK(part.section.text == SectionText::Mime);
    CHECK(fetch_attribute_name(part) == "BODY[1.2.3.MIME]");
    CHECK(one("BODY[2]").section.part == std::vector<std::uint32_t>{2});
    CHECK(one("BODY[4.TEXT]").section.text == SectionText::Text);
    CHECK(one("BODY[4.HEADER]").section.text == SectionText::Header);
    CHECK(one("BODY[TEXT]").section.text == SectionText::Text);

    auto partial = one("BODY.PEEK[TEXT]<0.2048>");
    REQUIRE(partial.partial);
    CHECK(partial.partial->origin == 0u);
    CHECK(partial.partial->count == 2048u);
    CHECK(fetch_attribute_name(partial) == "BODY[TEXT]<0>");

    for (const char* bad :
         {"a FETCH 1 BODY[MIME]", "a FETCH 1 BODY[0]", "a FETCH 1 BODY[1.]",
          "a FETCH 1 BODY[HEADER.FIELDS]", "a FETCH 1 BODY[HEADER.FIELDS ()]",
          "a FETCH 1 BODY[TEXT]<1.0>", "a FETCH 1 BODY[TEXT]<1>",
          "a FETCH 1 BODY[TEXT]<4294967296.1>", "a FETCH 1 BODY[FOO]", "a FETCH 1 BODY[1",
          "a FETCH 1 BODY.PEEK", "a FETCH 1 BODY[1.2.FOO]", "a FETCH 1 BODY[]<-1.5>"}) {
        CHECK(parse_bad(bad).tag == "a");
    }
}

TEST_CASE("BINARY sections", "[imap][fetch]") {
    auto bin = one("BINARY.PEEK[1.2]<100.50>");
    CHECK(bin.item == FetchItem::Binary);
    CHECK(bin.peek);
    CHECK(bin.section.part == std::vector<std::uint32_t>{1, 2});
    CHECK(bin.partial == Partial{100, 50});
    CHECK(fetch_attribute_name(bin) == "BINARY[1.2]<100>");
    auto size = one("BINARY.SIZE[3]");
    CHECK(size.item == FetchItem::BinarySize);
    CHECK(fetch_attribute_name(size) == "BINARY.SIZE[3]");
    parse_bad("a FETCH 1 BINARY[HEADER]");
    parse_bad("a FETCH 1 BINARY[1.TEXT]");
    parse_bad("a FETCH 1 BINARY.SIZE[1]<0.5>");
}

TEST_CASE("FETCH limits: section depth, header fields, item count", "[imap][fetch]") {
    std::string deep = "1";
    for (std::size_t i = 1; i < kMaxSectionParts; ++i)
        deep += ".1";
    CHECK(one("BODY[" + deep + "]").section.part.size() == kMaxSectionParts);
    parse_bad("a FETCH 1 BODY[" + deep + ".1]");

    std::string fields = "F0";
    for (std::size_t i = 1; i < kMaxHeaderFields; ++i)
        fields += " F" + std::to_string(i);
    CHECK(one("BODY[HEADER.FIELDS (" + fields + ")]").section.fields.size() == kMaxHeaderFields);
    parse_bad("a FETCH 1 BODY[HEADER.FIELDS (" + fields + " X)]");

    std::string list = "UID";
    for (std::size_t i = 1; i < kMaxFetchAttributes; ++i)
        list += " UID";
    CHECK(atts("(" + list + ")").size() == kMaxFetchAttributes);
    parse_bad("a FETCH 1 (" + list + " UID)");
}
