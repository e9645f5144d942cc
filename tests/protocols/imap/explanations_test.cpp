#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <variant>

#include "protocols/imap/explanations.hpp"
#include "tests/protocols/imap/parse_helpers.hpp"

using namespace maillab::protocols::imap;
using namespace maillab::protocols::imap::test;

// Every command's explanation is in its row: command_table_test.cpp walks the table.
TEST_CASE("DONE is explained, an unknown name gets the general explanation", "[imap][explain]") {
    CHECK_FALSE(find_command_explanation("BOGUS").has_value());
    CHECK(find_command_explanation("DONE") == explain_command("DONE"));
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
