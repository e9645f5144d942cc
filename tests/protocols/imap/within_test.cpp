#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "protocols/imap/search_evaluator.hpp"
#include "tests/protocols/imap/mailbox_fixture.hpp"
#include "tests/protocols/imap/parse_helpers.hpp"

using namespace maillab::protocols::imap;
using namespace maillab::protocols::imap::test;
using maillab::test::Client;
using maillab::test::contains;
using maillab::test::MailboxFixture;
using maillab::test::message;
using maillab::test::StoreFixture;

TEST_CASE("WITHIN: OLDER and YOUNGER parse with a non-zero interval", "[imap][search][within]") {
    const auto search = parse_as<SearchCmd>("a SEARCH OLDER 3600 younger 60");
    REQUIRE(search.criteria.children.size() == 2);
    CHECK(search.criteria.children[0].kind == SearchKeyKind::Older);
    CHECK(search.criteria.children[0].number == 3600);
    CHECK(search.criteria.children[1].kind == SearchKeyKind::Younger);
    CHECK(search_key_name(SearchKeyKind::Younger) == "YOUNGER");
    parse_bad("a SEARCH OLDER 0");
    parse_bad("a SEARCH YOUNGER");
    parse_bad("a SEARCH YOUNGER -5");
    parse_bad("a SEARCH OLDER 4294967296");
}

TEST_CASE("WITHIN: the interval counts back from the context's now", "[imap][search][within]") {
    SearchKey older{.kind = SearchKeyKind::Older};
    older.number = 100;
    SearchKey younger{.kind = SearchKeyKind::Younger};
    younger.number = 100;
    SearchContext context;
    context.now = 1000;
    MessageFacts m;
    for (std::int64_t t : {0, 899, 900, 901, 1000, 2000}) {
        INFO(t);
        m.internal_time = t;
        CHECK(search_matches(older, m, context) == (t < 900));
        // OLDER n and YOUNGER n split every mailbox in two.
        CHECK(search_matches(younger, m, context) != search_matches(older, m, context));
    }
}

TEST_CASE("WITHIN: SEARCH OLDER/YOUNGER against the configured clock",
          "[imap][search][within][server]") {
    MailboxFixture m;  // the fixture's clock says 1700000000
    m.add(message("Subject: old"), 1700000000 - 7200);
    m.add(message("Subject: hour"), 1700000000 - 3600);
    m.add(message("Subject: new"), 1700000000 - 10);
    m.select();
    CHECK(m.say("a SEARCH OLDER 3600\r\n") == "* SEARCH 1\r\na OK SEARCH completed\r\n");
    CHECK(m.say("b SEARCH YOUNGER 3600\r\n") == "* SEARCH 2 3\r\nb OK SEARCH completed\r\n");
    CHECK(m.say("c UID SEARCH NOT YOUNGER 60\r\n") ==
          "* SEARCH 1 2\r\nc OK UID SEARCH completed\r\n");
    CHECK(m.say("d SORT (REVERSE ARRIVAL) UTF-8 YOUNGER 86400\r\n") ==
          "* SORT 3 2 1\r\nd OK SORT completed\r\n");
}

TEST_CASE("a session with a store and no clock is refused: the engine has none of its own",
          "[imap][search][within][server]") {
    StoreFixture f;
    f.config.now = nullptr;
    CHECK_THROWS_AS(ServerSession(f.config, f.credentials, &f.store), std::invalid_argument);
    // Without a store nothing needs "now".
    CHECK_NOTHROW(ServerSession(f.config, f.credentials));
}
