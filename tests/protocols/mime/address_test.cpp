#include "protocols/mime/address.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace maillab::protocols::mime;
using Kind = Address::Kind;

TEST_CASE("addr-spec and name-addr") {
    const AddressList list =
        parse_address_list("alice@example.org, Bob Smith <bob@example.net>, <carol@x.test>");
    REQUIRE(list.entries.size() == 3);
    CHECK(list.entries[0].local_part == "alice");
    CHECK(list.entries[0].domain == "example.org");
    CHECK(list.entries[0].name.empty());
    CHECK(list.entries[1].name == "Bob Smith");
    CHECK(list.entries[1].addr_spec() == "bob@example.net");
    CHECK(list.entries[2].addr_spec() == "carol@x.test");
    for (const auto& a : list.entries)
        CHECK(a.valid);
}

TEST_CASE("RFC 5322 Appendix A.1.2 and A.1.3 examples") {
    const AddressList list = parse_address_list(
        "\"Joe Q. Public\" <john.q.public@example.com>, Mary Smith <mary@x.test>, "
        "jdoe@example.org, Who? <one@y.test>");
    REQUIRE(list.entries.size() >= 3);
    CHECK(list.entries[0].name == "Joe Q. Public");
    CHECK(list.entries[0].local_part == "john.q.public");
    CHECK(list.entries[1].name == "Mary Smith");
    CHECK(list.entries[2].addr_spec() == "jdoe@example.org");

    const AddressList group = parse_address_list(
        "A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;, Mary <m@x.test>");
    REQUIRE(group.entries.size() == 6);
    CHECK(group.entries[0].kind == Kind::GroupStart);
    CHECK(group.entries[0].group == "A Group");
    CHECK(group.entries[1].name == "Ed Jones");
    CHECK(group.entries[1].group == "A Group");
    CHECK(group.entries[2].addr_spec() == "joe@where.test");
    CHECK(group.entries[3].name == "John");
    CHECK(group.entries[4].kind == Kind::GroupEnd);
    CHECK(group.entries[5].name == "Mary");
    CHECK(group.entries[5].group.empty());
    CHECK(group.mailboxes().size() == 4);
}

TEST_CASE("empty group: undisclosed-recipients") {
    const AddressList list = parse_address_list("undisclosed-recipients:;");
    REQUIRE(list.entries.size() == 2);
    CHECK(list.entries[0].kind == Kind::GroupStart);
    CHECK(list.entries[0].group == "undisclosed-recipients");
    CHECK(list.entries[1].kind == Kind::GroupEnd);
    CHECK(list.mailboxes().empty());
}

TEST_CASE("a group without its ',' is closed at the end") {
    const AddressList list = parse_address_list("team: a@x.test, b@x.test");
    REQUIRE(list.entries.size() == 4);
    CHECK(list.entries.back().kind == Kind::GroupEnd);
}

TEST_CASE("comments: skipped, and the name of a bare addr-spec") {
    const AddressList list = parse_address_list(
        "Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>, "
        "jdoe@example.org (John Doe)");
    REQUIRE(list.entries.size() == 2);
    CHECK(list.entries[0].name == "Pete");
    CHECK(list.entries[0].addr_spec() == "pete@silly.test");
    CHECK(list.entries[1].name == "John Doe");
    CHECK(list.entries[1].addr_spec() == "jdoe@example.org");
}

TEST_CASE("quoted local parts and escaped quotes in names") {
    const AddressList list =
        parse_address_list("\"Smith, \\\"Bob\\\"\" <\"bob smith\"@example.org>");
    REQUIRE(list.entries.size() == 1);
    CHECK(list.entries[0].name == "Smith, \"Bob\"");
    CHECK(list.entries[0].local_part == "bob smith");
    CHECK(list.entries[0].domain == "example.org");
}

TEST_CASE("encoded words in display names are decoded, the raw name kept") {
    const AddressList list =
        parse_address_list("=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>");
    REQUIRE(list.entries.size() == 1);
    CHECK(list.entries[0].name == "=?ISO-8859-1?Q?Andr=E9?= Pirard");
    CHECK(list.entries[0].display_name == "Andr\xC3\xA9 Pirard");
}

TEST_CASE("obs-route is kept for IMAP's adl, domain literals") {
    const AddressList list = parse_address_list("<@relay1.test,@relay2.test:joe@[192.0.2.1]>");
    REQUIRE(list.entries.size() == 1);
    CHECK(list.entries[0].route == "@relay1.test,@relay2.test");
    CHECK(list.entries[0].local_part == "joe");
    CHECK(list.entries[0].domain == "[192.0.2.1]");
    CHECK(list.entries[0].valid);
}

TEST_CASE("obsolete forms: dots in phrases, empty list elements") {
    const AddressList list = parse_address_list(",, John Q. Public <jqp@x.test> ,,");
    REQUIRE(list.entries.size() == 1);
    CHECK(list.entries[0].name == "John Q. Public");
    const AddressList spaced = parse_address_list("john . q . public @ example . com");
    REQUIRE(spaced.entries.size() == 1);
    CHECK(spaced.entries[0].addr_spec() == "john.q.public@example.com");
}

TEST_CASE("lenient: missing domain, missing '>', junk are marked invalid") {
    const AddressList list = parse_address_list("postmaster, Ann <ann@x.test, c@d.test > junk");
    REQUIRE(list.entries.size() == 3);
    CHECK(list.entries[0].local_part == "postmaster");
    CHECK(list.entries[0].domain.empty());
    CHECK_FALSE(list.entries[0].valid);
    CHECK(list.entries[1].addr_spec() == "ann@x.test");
    CHECK_FALSE(list.entries[1].valid);
    CHECK(list.entries[2].addr_spec() == "c@d.test");
    CHECK_FALSE(list.entries[2].valid);
}

TEST_CASE("hostile input never loops and gives entries or nothing") {
    const char* inputs[] = {"",   "<", ">",   "\"unclosed", "(unclosed comment",
                            "@",  ":", ";;;", "a:b:c;",     "<<<@>>>",
                            "\\", "[", "]]]", "a@b@c",      "\x01\x02"};
    for (const char* input : inputs) {
        const AddressList list = parse_address_list(input);
        CHECK(list.entries.size() <= 8);
    }
    const std::string nul{"a\0b@c", 5};
    CHECK(parse_address_list(nul).entries.size() <= 2);
}

TEST_CASE("limit: kMaxAddresses entries kept, the rest counted") {
    std::string value;
    for (std::size_t i = 0; i < kMaxAddresses + 7; ++i) {
        value += "u" + std::to_string(i) + "@x.test, ";
    }
    const AddressList list = parse_address_list(value);
    CHECK(list.entries.size() == kMaxAddresses);
    CHECK(list.dropped == 7);
    CHECK(list.entries.back().local_part == "u" + std::to_string(kMaxAddresses - 1));
}
