#include "protocols/smtp/explanations.hpp"

#include <catch2/catch.hpp>

#include "protocols/smtp/command_table.hpp"

using namespace maillab::protocols::smtp;

TEST_CASE("every command of the table has an explanation with an RFC section") {
    for (const CommandRow& row : command_table()) {
        INFO(row.name);
        REQUIRE_FALSE(row.meaning.empty());
        REQUIRE(row.reference.starts_with("RFC "));
        REQUIRE(explain_command(row.name) == row.explanation());
        REQUIRE(row.meaning.find("500") == std::string_view::npos);
    }
    REQUIRE(explain_command("rcpt") == explain_command("RCPT"));
    REQUIRE(explain_command("RCPT").reference == "RFC 5321 §4.1.1.3");
    REQUIRE(explain_command("*").reference == "RFC 4954 §4");
    REQUIRE(explain_command("XYZZY") == explain_reply(500, "5.5.2"));
}

TEST_CASE("reply explanations: enhanced code first, then the code, then the class") {
    REQUIRE(explain_reply(550, "5.1.1").meaning.find("no such mailbox") != std::string::npos);
    REQUIRE(explain_reply(550, "5.7.99") == explain_reply(550));
    REQUIRE(explain_reply(554, "5.7.1").meaning.find("relay") != std::string::npos);
    REQUIRE(explain_reply(552, "5.3.4").reference.find("RFC 1870") != std::string::npos);
    REQUIRE(explain_reply(299).meaning.find("2xx") != std::string::npos);
    REQUIRE(explain_reply(199).meaning.find("Not a valid") != std::string::npos);
    for (int code : {211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 450, 451, 452, 454,
                     458, 459, 500, 501, 502, 503, 504, 530, 535, 538, 550, 552, 553, 554, 555}) {
        INFO(code);
        REQUIRE(explain_reply(code).reference.starts_with("RFC "));
    }
}
