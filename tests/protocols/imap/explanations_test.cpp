#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <variant>

#include "protocols/imap/explanations.hpp"
#include "tests/protocols/imap/parse_helpers.hpp"

using namespace maillab::protocols::imap;
using namespace maillab::protocols::imap::test;

TEST_CASE("every parsed command has an explanation with an RFC section", "[imap][explain]") {
    const char* commands[] = {"a CAPABILITY",
                              "a NOOP",
                              "a LOGOUT",
                              "a STARTTLS",
                              "a AUTHENTICATE PLAIN",
                              "a LOGIN u p",
                              "a SELECT INBOX",
                              "a EXAMINE INBOX",
                              "a CREATE x",
                              "a DELETE x",
                              "a RENAME x y",
                              "a SUBSCRIBE x",
                              "a UNSUBSCRIBE x",
                              "a LIST \"\" *",
                              "a LSUB \"\" *",
                              "a STATUS x (MESSAGES)",
                              "a APPEND x {1+}\r\nm",
                              "a CHECK",
                              "a CLOSE",
                              "a UNSELECT",
                              "a EXPUNGE",
                              "a UID EXPUNGE 1",
                              "a SEARCH ALL",
                              "a UID SEARCH ALL",
                              "a FETCH 1 UID",
                              "a UID FETCH 1 UID",
                              "a STORE 1 FLAGS ()",
                              "a UID STORE 1 FLAGS ()",
                              "a COPY 1 x",
                              "a UID COPY 1 x",
                              "a MOVE 1 x",
                              "a UID MOVE 1 x",
                              "a IDLE",
                              "a ENABLE X",
                              "a ID NIL",
                              "a NAMESPACE",
                              "a GETQUOTA \"\"",
                              "a GETQUOTAROOT x",
                              "a SETQUOTA \"\" ()",
                              "a SORT (DATE) UTF-8 ALL",
                              "a UID SORT RETURN (MIN) (SIZE) UTF-8 ALL",
                              "a THREAD REFERENCES UTF-8 ALL",
                              "a UID THREAD ORDEREDSUBJECT UTF-8 ALL"};
    std::set<std::size_t> kinds;
    for (const char* text : commands) {
        INFO(text);
        const TaggedCommand parsed = parse_ok(text);
        kinds.insert(parsed.command.index());
        const auto why = find_command_explanation(parsed.name);
        REQUIRE(why.has_value());
        CHECK_FALSE(why->meaning.empty());
        CHECK(why->reference.rfind("RFC ", 0) == 0);
        CHECK(explain_command(parsed) == *why);
    }
    // The list names at least one command of every kind the parser makes, so
    // a new kind of command fails here until it is listed and explained.
    CHECK(kinds.size() == std::variant_size_v<Command>);
    CHECK_FALSE(find_command_explanation("BOGUS").has_value());
    CHECK(explain_command("DONE").reference == "RFC 2177 §3");
    CHECK(explain_command("BOGUS").meaning.find("does not describe") != std::string::npos);
}

TEST_CASE("responses, statuses and codes are explained", "[imap][explain]") {
    for (const char* name :
         {"CAPABILITY", "LIST",   "LSUB",      "STATUS",  "SEARCH",    "ESEARCH",
          "FLAGS",      "EXISTS", "RECENT",    "EXPUNGE", "FETCH",     "VANISHED",
          "ENABLED",    "ID",     "NAMESPACE", "QUOTA",   "QUOTAROOT", "+",
          "PREAUTH",    "BYE",    "SORT",      "THREAD"}) {
        INFO(name);
        CHECK(explain_response(name).reference.rfind("RFC ", 0) == 0);
    }
    CHECK(explain_response("FETCH").reference == "RFC 3501 §7.4.2");
    for (Status s : {Status::Ok, Status::No, Status::Bad, Status::Bye, Status::Preauth}) {
        CHECK_FALSE(explain_status(s).meaning.empty());
    }
    for (int k = 0; k <= static_cast<int>(CodeKind::Unseen); ++k) {
        const auto kind = static_cast<CodeKind>(k);
        INFO(code_name(kind));
        CHECK(code_name(kind) != "?");
        CHECK(explain_code(kind).reference.rfind("RFC ", 0) == 0);
    }
    for (ReadError e :
         {ReadError::LineTooLong, ReadError::LiteralTooBig, ReadError::LiteralTooBigClose}) {
        CHECK_FALSE(explain_read_error(e).meaning.empty());
    }
}
