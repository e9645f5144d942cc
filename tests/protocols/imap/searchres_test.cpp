#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/search_save.hpp"
#include "tests/protocols/imap/mailbox_fixture.hpp"

using namespace maillab::protocols::imap;
using maillab::test::contains;
using maillab::test::kFeb22;
using maillab::test::MailboxFixture;
using maillab::test::message;

namespace {

// Five messages; 2 and 4 are about lunch; arrival order 5 4 3 2 1.
struct FiveMessages {
    FiveMessages() {
        for (int i = 1; i <= 5; ++i) {
            const bool lunch = i == 2 || i == 4;
            m.add(message(std::string{"Subject: "} + (lunch ? "lunch " : "work ") +
                          std::to_string(i)),
                  kFeb22 - i * 60);
        }
        m.select();
    }
    MailboxFixture m;
};

}  // namespace

TEST_CASE("SEARCHRES: which messages RETURN (SAVE) keeps (RFC 5182 §2.4)",
          "[imap][search][searchres]") {
    const std::vector<std::uint32_t> found{4, 9, 2};
    CHECK(saved_result(found, {"SAVE"}) == found);
    CHECK(saved_result(found, {"SAVE", "MIN"}) == std::vector<std::uint32_t>{4});
    CHECK(saved_result(found, {"MAX", "SAVE"}) == std::vector<std::uint32_t>{2});
    CHECK(saved_result(found, {"SAVE", "MIN", "MAX"}) == std::vector<std::uint32_t>{4, 2});
    CHECK(saved_result({7}, {"SAVE", "MIN", "MAX"}) == std::vector<std::uint32_t>{7});
    CHECK(saved_result(found, {"SAVE", "MIN", "COUNT"}) == found);
    CHECK(saved_result(found, {"SAVE", "ALL"}) == found);
    CHECK(saved_result({}, {"SAVE", "MIN"}).empty());
    CHECK(save_only({"SAVE"}));
    CHECK_FALSE(save_only({"SAVE", "MIN"}));
    CHECK_FALSE(save_only({}));
}

TEST_CASE("SEARCHRES: SEARCH RETURN (SAVE) and $ in FETCH, STORE, SEARCH",
          "[imap][search][searchres][server]") {
    FiveMessages t;
    auto& m = t.m;
    CHECK(m.say("a FETCH $ (UID)\r\n") == "a OK FETCH completed\r\n");  // nothing saved yet
    CHECK(m.say("b SEARCH RETURN (SAVE) SUBJECT lunch\r\n") == "b OK SEARCH completed\r\n");
    CHECK(m.say("c FETCH $ (UID)\r\n") ==
          "* 2 FETCH (UID 2)\r\n* 4 FETCH (UID 4)\r\nc OK FETCH completed\r\n");
    CHECK(m.say("d UID FETCH $ (UID)\r\n") ==
          "* 2 FETCH (UID 2)\r\n* 4 FETCH (UID 4)\r\nd OK FETCH completed\r\n");
    CHECK(m.say("e SEARCH NOT $\r\n") == "* SEARCH 1 3 5\r\ne OK SEARCH completed\r\n");
    CHECK(m.say("f STORE $ +FLAGS (\\Flagged)\r\n") ==
          "* 2 FETCH (FLAGS (\\Recent \\Flagged))\r\n* 4 FETCH (FLAGS (\\Recent \\Flagged))\r\n"
          "f OK STORE completed\r\n");
    // With MIN or MAX only, "$" keeps just those; the ESEARCH answer still comes.
    CHECK(m.say("g UID SEARCH RETURN (SAVE MAX) SUBJECT work\r\n") ==
          "* ESEARCH (TAG \"g\") UID MAX 5\r\ng OK UID SEARCH completed\r\n");
    CHECK(m.say("h SEARCH $\r\n") == "* SEARCH 5\r\nh OK SEARCH completed\r\n");
    CHECK(m.say("i SEARCH RETURN (COUNT SAVE) SUBJECT work\r\n") ==
          "* ESEARCH (TAG \"i\") COUNT 3\r\ni OK SEARCH completed\r\n");
    CHECK(m.say("j SEARCH $\r\n") == "* SEARCH 1 3 5\r\nj OK SEARCH completed\r\n");
    // A SEARCH with SAVE that fails leaves "$" empty (RFC 5182 §2.1).
    CHECK(m.say("k SEARCH RETURN (SAVE) CHARSET KOI8-R ALL\r\n") ==
          "k NO [BADCHARSET (US-ASCII UTF-8)] Unsupported charset\r\n");
    CHECK(m.say("l SEARCH $\r\n") == "* SEARCH\r\nl OK SEARCH completed\r\n");
}

TEST_CASE("SEARCHRES: SORT RETURN (SAVE), expunges and SELECT",
          "[imap][search][searchres][server]") {
    FiveMessages t;
    auto& m = t.m;
    // ESORT's MIN is the first in sort order: the latest arrival of the lunch messages.
    CHECK(m.say("a SORT RETURN (SAVE MIN) (ARRIVAL) UTF-8 SUBJECT lunch\r\n") ==
          "* ESEARCH (TAG \"a\") MIN 4\r\na OK SORT completed\r\n");
    CHECK(m.say("b SEARCH $\r\n") == "* SEARCH 4\r\nb OK SEARCH completed\r\n");
    CHECK(m.say("c SORT RETURN (SAVE) (ARRIVAL) UTF-8 1:3\r\n") == "c OK SORT completed\r\n");
    // Expunged messages leave "$"; later sequence numbers move down.
    m.say("d STORE 2 +FLAGS.SILENT (\\Deleted)\r\n");
    CHECK(m.say("e EXPUNGE\r\n") == "* 2 EXPUNGE\r\ne OK EXPUNGE completed\r\n");
    CHECK(m.say("f FETCH $ (UID)\r\n") ==
          "* 1 FETCH (UID 1)\r\n* 2 FETCH (UID 3)\r\nf OK FETCH completed\r\n");
    const std::string copied = m.say("g UID COPY $ INBOX\r\n");
    CHECK(contains(copied, "g OK [COPYUID "));
    CHECK(contains(copied, " 1,3 6:7] "));
    // SELECT starts with an empty "$".
    m.select();
    CHECK(m.say("h SEARCH $\r\n") == "* SEARCH\r\nh OK SEARCH completed\r\n");
}
