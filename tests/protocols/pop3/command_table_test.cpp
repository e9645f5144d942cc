#include "protocols/pop3/command_table.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "protocols/pop3/explanations.hpp"

using namespace maillab::protocols::pop3;

TEST_CASE("POP3 command table: one row per verb, in the enum's order, found by its keyword") {
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < command_table().size(); ++i) {
        const CommandRow& row = command_table()[i];
        INFO(row.name);
        REQUIRE(names.insert(row.name).second);
        REQUIRE(static_cast<std::size_t>(row.parse) == i);
        REQUIRE(find_command(row.name) == &row);
        REQUIRE(find_command(row.parse) == &row);
        REQUIRE(parse_command(std::string{row.name}).command.verb == row.parse);
        REQUIRE(to_string(row.parse) == row.name);
    }
    REQUIRE(find_command(Verb::Unknown) == nullptr);
    REQUIRE(parse_command("XTND").command.verb == Verb::Unknown);
}

TEST_CASE("POP3 command table: every command is explained, with its RFC section") {
    for (const CommandRow& row : command_table()) {
        INFO(row.name);
        REQUIRE_FALSE(row.meaning.empty());
        REQUIRE(row.reference.starts_with("RFC "));
        const Command bare{row.parse, std::string{row.name}, {}, {}};
        REQUIRE(explain::command(bare) == row.explanation());
    }
    const Command retr{Verb::Retr, "RETR", {"2"}, "2"};
    REQUIRE(explain::command(retr).meaning.starts_with("RETR 2 downloads message 2"));
    const Command unknown{Verb::Unknown, "XTND", {}, {}};
    REQUIRE(explain::command(unknown).meaning == "XTND is not a POP3 command");
}

TEST_CASE("POP3 command table: every command is allowed before or after login, or both") {
    for (const CommandRow& row : command_table()) {
        INFO(row.name);
        REQUIRE((row.states.contains(ServerState::Authorization) ||
                 row.states.contains(ServerState::Transaction)));
        REQUIRE_FALSE(row.states.contains(ServerState::Update));
    }
    REQUIRE(to_string(ServerState::Authorization) == "AUTHORIZATION");
    REQUIRE(to_string(ServerState::Transaction) == "TRANSACTION");
    REQUIRE(to_string(ServerState::Update) == "UPDATE");
}
