#include "protocols/pop3/command_parser.hpp"

#include <catch2/catch.hpp>

using namespace maillab::protocols::pop3;

TEST_CASE("POP3 keywords are case-insensitive and arguments split on spaces") {
    auto r = parse_command("top 2 10");
    REQUIRE(r.error == ParseError::None);
    CHECK(r.command.verb == Verb::Top);
    CHECK(r.command.keyword == "TOP");
    CHECK(r.command.args == std::vector<std::string>{"2", "10"});

    r = parse_command("uIdL");
    CHECK(r.command.verb == Verb::Uidl);
    CHECK(r.command.args.empty());

    r = parse_command("LIST  3 ");
    CHECK(r.command.args == std::vector<std::string>{"3"});
}

TEST_CASE("PASS keeps the rest of the line, spaces included") {
    const auto r = parse_command("PASS my secret  phrase");
    REQUIRE(r.error == ParseError::None);
    CHECK(r.command.verb == Verb::Pass);
    CHECK(r.command.rest == "my secret  phrase");
}

TEST_CASE("Unknown keywords parse as Verb::Unknown") {
    const auto r = parse_command("HELO x");
    REQUIRE(r.error == ParseError::None);
    CHECK(r.command.verb == Verb::Unknown);
    CHECK(r.command.keyword == "HELO");
}

TEST_CASE("Malformed command lines are reported, not thrown") {
    CHECK(parse_command("").error == ParseError::Empty);
    CHECK(parse_command(std::string{"US\0R", 4}).error == ParseError::BadCharacter);
    CHECK(parse_command("RETR\x01").error == ParseError::BadCharacter);
    CHECK(parse_command(" USER").error == ParseError::KeywordTooLong);
}

TEST_CASE("kMaxKeywordOctets: keywords longer than 4 characters are refused") {
    CHECK(parse_command(std::string(kMaxKeywordOctets, 'X')).error == ParseError::None);
    CHECK(parse_command(std::string(kMaxKeywordOctets + 1, 'X')).error ==
          ParseError::KeywordTooLong);
}

TEST_CASE("kMaxArguments: a third argument is refused") {
    CHECK(parse_command("TOP 1 2").error == ParseError::None);
    CHECK(parse_command("TOP 1 2 3").error == ParseError::TooManyArguments);
}

TEST_CASE("kMaxNumberDigits: message numbers are plain digits of bounded length") {
    CHECK(parse_number("1") == 1u);
    CHECK(parse_number("007") == 7u);
    CHECK(parse_number(std::string(kMaxNumberDigits, '9')) == 999999999u);
    CHECK_FALSE(parse_number(std::string(kMaxNumberDigits + 1, '1')));
    CHECK_FALSE(parse_number("99999999999999999999999"));
    CHECK_FALSE(parse_number(""));
    CHECK_FALSE(parse_number("+1"));
    CHECK_FALSE(parse_number("-1"));
    CHECK_FALSE(parse_number("1a"));
}
