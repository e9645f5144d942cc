// Test helpers: parse a command and unwrap the expected alternative.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "protocols/imap/command_parser.hpp"

namespace maillab::protocols::imap::test {

inline TaggedCommand parse_ok(std::string_view text) {
    auto result = parse_command(text);
    if (auto* e = std::get_if<ParseError>(&result)) FAIL_CHECK("BAD: " << e->message);
    REQUIRE(std::holds_alternative<TaggedCommand>(result));
    return std::get<TaggedCommand>(result);
}

template <typename T>
T parse_as(std::string_view text) {
    INFO(std::string{text});
    TaggedCommand tc = parse_ok(text);
    REQUIRE(std::holds_alternative<T>(tc.command));
    return std::get<T>(tc.command);
}

inline ParseError parse_bad(std::string_view text) {
    INFO(std::string{text});
    auto result = parse_command(text);
    REQUIRE(std::holds_alternative<ParseError>(result));
    return std::get<ParseError>(result);
}

}  // namespace maillab::protocols::imap::test
