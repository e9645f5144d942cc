#include "protocols/smtp/command_table.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace maillab::protocols::smtp;

namespace {

// An argument each row's parser accepts.
std::string_view valid_argument(std::string_view verb) {
    if (verb == "VRFY") return "alice";
    if (verb == "BDAT") return "0 LAST";
    return "";
}

}  // namespace

TEST_CASE("command table: one row per typed command, in the variant's order") {
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < command_table().size(); ++i) {
        const CommandRow& row = command_table()[i];
        INFO(row.name);
        REQUIRE(names.insert(row.name).second);
        const auto parsed = row.parse(valid_argument(row.name));
        REQUIRE(parsed.ok());
        REQUIRE(parsed.value->index() == i);
        REQUIRE(find_command(row.name) == &row);
    }
    REQUIRE(find_command("XYZZY") == nullptr);
}

TEST_CASE("command table: a command limited to some states says why elsewhere") {
    for (const CommandRow& row : command_table()) {
        INFO(row.name);
        REQUIRE((row.states.is_every() || row.refuse != nullptr));
    }
    REQUIRE(find_command("MAIL")->refuse(State::Connected).text == "Error: send HELO/EHLO first");
    REQUIRE(find_command("MAIL")->refuse(State::Rcpt).text == "Error: nested MAIL command");
    REQUIRE(find_command("DATA")->refuse(State::Mail).code == 554);
}

TEST_CASE("command table: HELP lists every offered command of the table") {
    REQUIRE(help_text() ==
            "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP ETRN STARTTLS AUTH");
    for (const CommandRow& row : command_table()) {
        INFO(row.name);
        const bool listed = help_text().find(" " + std::string{row.name}) != std::string::npos;
        REQUIRE(listed == !row.has(CommandFlag::NotOffered));
    }
}

TEST_CASE("command table: the states keep the names lessons and traces show") {
    REQUIRE(to_string(State::Tls) == "TLS");
    REQUIRE(to_string(State::Ready) == "READY");
    REQUIRE(to_string(State::Authenticated) == "AUTHENTICATED");
    REQUIRE(to_string(State::Mail) == "MAIL");
    REQUIRE(to_string(State::Rcpt) == "RCPT");
    REQUIRE(to_string(State::Data) == "DATA");
}
