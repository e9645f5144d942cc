// IMAP4rev2 (RFC 9051): advertised beside IMAP4rev1, and after ENABLE
// IMAP4rev2 each difference of Appendix E, next to what IMAP4rev1 answers.
#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/explanations.hpp"
#include "protocols/imap/rfc9051_sections.hpp"
#include "tests/protocols/imap/server_fixture.hpp"

using namespace maillab::protocols::imap;
using maillab::test::Client;
using maillab::test::contains;
using maillab::test::StoreFixture;

namespace {

constexpr std::string_view kMessage = "Subject: x\r\n\r\nbody\r\n";

// A session that said ENABLE IMAP4rev2.
struct Rev2 {
    explicit Rev2(StoreFixture& f) : c(f) {
        REQUIRE(c.say("E ENABLE IMAP4rev2\r\n") ==
                "* ENABLED IMAP4rev2\r\nE OK ENABLE completed\r\n");
    }
    std::string say(std::string_view bytes) { return c.say(bytes); }
    Client c;
};

}  // namespace

TEST_CASE("IMAP4rev2 is advertised beside IMAP4rev1 and enabled once", "[imap][rev2]") {
    StoreFixture f;
    Client c{f};
    CHECK(c.session.capabilities().starts_with("IMAP4rev1 IMAP4rev2 "));
    CHECK(c.say("a ENABLE IMAP4rev2 IMAP4rev2\r\n") ==
          "* ENABLED IMAP4rev2\r\na OK ENABLE completed\r\n");
    CHECK(c.say("b ENABLE IMAP4rev2\r\n") == "* ENABLED\r\nb OK ENABLE completed\r\n");
}

TEST_CASE("IMAP4rev2 SELECT: no RECENT and no UNSEEN", "[imap][rev2]") {
    StoreFixture f;
    f.deliver("INBOX", kMessage);
    f.deliver("INBOX", kMessage);
    Client rev1{f};
    const std::string rev1_select = rev1.say("s EXAMINE INBOX\r\n");
    CHECK(contains(rev1_select, "* 2 RECENT\r\n"));
    CHECK(contains(rev1_select, "* OK [UNSEEN 1] First unseen message\r\n"));
    Rev2 rev2{f};
    CHECK(rev2.say("s SELECT INBOX\r\n") ==
          "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
          "* 2 EXISTS\r\n"
          "* OK [UIDVALIDITY 1] UIDs valid\r\n"
          "* OK [UIDNEXT 3] Predicted next UID\r\n"
          "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags "
          "permitted\r\n"
          "* LIST (\\HasNoChildren) \"/\" INBOX\r\n"
          "s OK [READ-WRITE] SELECT completed\r\n");
}

TEST_CASE("IMAP4rev2 SELECT and EXAMINE name the mailbox in a LIST response", "[imap][rev2]") {
    StoreFixture f;
    Client rev1{f};
    REQUIRE(rev1.say("c CREATE Entw&APw-rfe\r\n") == "c OK CREATE completed\r\n");
    REQUIRE(rev1.say("d CREATE Entw&APw-rfe/old\r\n") == "d OK CREATE completed\r\n");
    CHECK_FALSE(contains(rev1.say("s EXAMINE Entw&APw-rfe\r\n"), "LIST"));
    Rev2 rev2{f};
    // §6.3.2: the attributes are LIST's, the name as this session reads it (UTF-8).
    const std::string examine = rev2.say("e EXAMINE \"Entw\xC3\xBCrfe\"\r\n");
    CHECK(contains(examine, "* LIST (\\HasChildren) \"/\" \"Entw\xC3\xBCrfe\"\r\n"));
    CHECK(contains(examine, "e OK [READ-ONLY] EXAMINE completed\r\n"));
    CHECK(contains(rev2.say("s SELECT \"Entw\xC3\xBCrfe/old\"\r\n"),
                   "* LIST (\\HasNoChildren) \"/\" \"Entw\xC3\xBCrfe/old\"\r\n"));
    // A SELECT that fails lists nothing.
    CHECK(rev2.say("n SELECT nowhere\r\n").find("LIST") == std::string::npos);
}

TEST_CASE("IMAP4rev2 takes UTF-8 in quoted strings, IMAP4rev1 only after UTF8=ACCEPT",
          "[imap][rev2]") {
    StoreFixture f;
    Client rev1{f};
    CHECK(rev1.say("c CREATE \"Gr\xC3\xBC\xC3\x9F\x65\"\r\n").starts_with("c BAD "));
    Rev2 rev2{f};
    CHECK(rev2.say("c CREATE \"Gr\xC3\xBC\xC3\x9F\x65\"\r\n") == "c OK CREATE completed\r\n");
    CHECK(rev1.say("l LIST \"\" Gr*\r\n") ==
          "* LIST (\\HasNoChildren) \"/\" Gr&APwA3w-e\r\nl OK LIST completed\r\n");
    // Quoted strings still have to be UTF-8.
    CHECK(rev2.say("d CREATE \"Gr\xFC\"\r\n").starts_with("d BAD "));
}

TEST_CASE("IMAP4rev2 refuses what has gone: STATUS RECENT, RECENT NEW OLD keys, LSUB",
          "[imap][rev2]") {
    StoreFixture f;
    f.deliver("INBOX", kMessage);
    Client rev1{f};
    CHECK(rev1.say("s STATUS INBOX (MESSAGES RECENT)\r\n") ==
          "* STATUS INBOX (MESSAGES 1 RECENT 1)\r\ns OK STATUS completed\r\n");
    CHECK(rev1.say("l LSUB \"\" INBOX\r\n") == "* LSUB () \"/\" INBOX\r\nl OK LSUB completed\r\n");
    rev1.say("x EXAMINE INBOX\r\n");
    CHECK(rev1.say("a SEARCH NEW\r\n") == "* SEARCH 1\r\na OK SEARCH completed\r\n");

    Rev2 rev2{f};
    CHECK(rev2.say("s STATUS INBOX (MESSAGES RECENT)\r\n") ==
          "s BAD IMAP4rev2 has no STATUS RECENT\r\n");
    CHECK(rev2.say("t LIST \"\" INBOX RETURN (STATUS (RECENT))\r\n") ==
          "t BAD IMAP4rev2 has no STATUS RECENT\r\n");
    CHECK(rev2.say("l LSUB \"\" *\r\n") ==
          "l BAD IMAP4rev2 has no LSUB: use LIST (SUBSCRIBED)\r\n");
    rev2.say("x EXAMINE INBOX\r\n");
    const std::string refused =
        " BAD IMAP4rev2 has no \\Recent flag: no RECENT, NEW or OLD "
        "search keys\r\n";
    CHECK(rev2.say("a SEARCH RECENT\r\n") == "a" + refused);
    CHECK(rev2.say("b UID SEARCH NOT (OR SEEN NEW)\r\n") == "b" + refused);
    CHECK(rev2.say("c SORT (DATE) UTF-8 OLD\r\n") == "c" + refused);
    CHECK(rev2.say("d THREAD REFERENCES UTF-8 ALL RECENT\r\n") == "d" + refused);
    // The refused SEARCH ... SAVE empties "$", as any failed one does (RFC 5182 §2.1).
    CHECK(rev2.say("g SEARCH RETURN (SAVE) ALL\r\n") == "g OK SEARCH completed\r\n");
    CHECK(rev2.say("h UID FETCH $ (UID)\r\n") ==
          "* 1 FETCH (UID 1)\r\nh OK FETCH completed\r\n");
    CHECK(rev2.say("i SEARCH RETURN (SAVE) NEW\r\n") == "i" + refused);
    CHECK(rev2.say("j UID FETCH $ (UID)\r\n") == "j OK FETCH completed\r\n");
    // What rev2 keeps still works.
    CHECK(rev2.say("e SEARCH UNSEEN\r\n") ==
          "* ESEARCH (TAG \"e\") ALL 1\r\ne OK SEARCH completed\r\n");
    CHECK(rev2.say("f STATUS INBOX (MESSAGES)\r\n") ==
          "* STATUS INBOX (MESSAGES 1)\r\nf OK STATUS completed\r\n");
}

TEST_CASE("IMAP4rev2 has no Recent flag and no unsolicited RECENT", "[imap][rev2]") {
    StoreFixture f;
    Rev2 rev2{f};
    Client rev1{f};
    rev2.say("s SELECT INBOX\r\n");
    f.deliver("INBOX", kMessage);
    CHECK(rev2.say("n NOOP\r\n") == "* 1 EXISTS\r\nn OK NOOP completed\r\n");
    CHECK(rev2.say("f FETCH 1 FLAGS\r\n") == "* 1 FETCH (FLAGS ())\r\nf OK FETCH completed\r\n");
    CHECK(rev2.say("t STORE 1 +FLAGS (\\Seen)\r\n") ==
          "* 1 FETCH (FLAGS (\\Seen))\r\nt OK STORE completed\r\n");
    // The same message is recent for IMAP4rev1 sessions that come later.
    f.deliver("INBOX", kMessage);
    rev1.say("s SELECT INBOX\r\n");
    CHECK(rev1.say("f FETCH 2 FLAGS\r\n") ==
          "* 2 FETCH (FLAGS (\\Recent))\r\nf OK FETCH completed\r\n");
}

TEST_CASE("IMAP4rev2 SEARCH answers in ESEARCH form, with UID for UID SEARCH", "[imap][rev2]") {
    StoreFixture f;
    for (int i = 0; i < 3; ++i)
        f.deliver("INBOX", kMessage);
    Rev2 rev2{f};
    rev2.say("s SELECT INBOX\r\n");
    CHECK(rev2.say("a SEARCH ALL\r\n") ==
          "* ESEARCH (TAG \"a\") ALL 1:3\r\na OK SEARCH completed\r\n");
    CHECK(rev2.say("b UID SEARCH 2:3\r\n") ==
          "* ESEARCH (TAG \"b\") UID ALL 2:3\r\nb OK UID SEARCH completed\r\n");
    CHECK(rev2.say("c SEARCH DELETED\r\n") == "* ESEARCH (TAG \"c\")\r\nc OK SEARCH completed\r\n");
    CHECK(rev2.say("d SEARCH RETURN (COUNT) ALL\r\n") ==
          "* ESEARCH (TAG \"d\") COUNT 3\r\nd OK SEARCH completed\r\n");
}

TEST_CASE("IMAP4rev2 LIST: a name there only for its children is NonExistent", "[imap][rev2]") {
    StoreFixture f;
    Client rev1{f};
    REQUIRE(rev1.say("c CREATE a/b\r\n") == "c OK CREATE completed\r\n");
    const std::string rev1_list = rev1.say("l LIST \"\" a\r\n");
    Rev2 rev2{f};
    const std::string rev2_list = rev2.say("l LIST \"\" a\r\n");
    CHECK(rev1_list == "* LIST (\\Noselect \\HasChildren) \"/\" a\r\nl OK LIST completed\r\n");
    CHECK(rev2_list == "* LIST (\\NonExistent \\HasChildren) \"/\" a\r\nl OK LIST completed\r\n");
    CHECK(rev2.say("m LIST \"\" a/%\r\n") ==
          "* LIST (\\HasNoChildren) \"/\" a/b\r\nm OK LIST completed\r\n");
}

TEST_CASE("IMAP4rev2: OK [CLOSED] when a SELECT replaces the selected mailbox", "[imap][rev2]") {
    StoreFixture f;
    Client rev1{f};
    rev1.say("s SELECT INBOX\r\n");
    CHECK_FALSE(contains(rev1.say("t EXAMINE INBOX\r\n"), "CLOSED"));
    Rev2 rev2{f};
    CHECK_FALSE(contains(rev2.say("s SELECT INBOX\r\n"), "CLOSED"));
    CHECK(rev2.say("t EXAMINE INBOX\r\n").starts_with("* OK [CLOSED] Previous closed\r\n"));
}

TEST_CASE("IMAP4rev2 mailbox names are UTF-8, the store keeps modified UTF-7", "[imap][rev2]") {
    StoreFixture f;
    Rev2 rev2{f};
    Client rev1{f};
    // As a literal; quoted strings may hold UTF-8 too (see below).
    CHECK(rev2.say("c CREATE {9+}\r\nEntw\xC3\xBCrfe\r\n") == "c OK CREATE completed\r\n");
    CHECK(rev2.say("l LIST \"\" Entw*\r\n") ==
          "* LIST (\\HasNoChildren) \"/\" \"Entw\xC3\xBCrfe\"\r\nl OK LIST completed\r\n");
    CHECK(rev1.say("l LIST \"\" Entw*\r\n") ==
          "* LIST (\\HasNoChildren) \"/\" Entw&APw-rfe\r\nl OK LIST completed\r\n");
    CHECK(rev2.say("s STATUS {9+}\r\nEntw\xC3\xBCrfe (MESSAGES)\r\n") ==
          "* STATUS \"Entw\xC3\xBCrfe\" (MESSAGES 0)\r\ns OK STATUS completed\r\n");
    // "&" is a plain character in a UTF-8 name.
    CHECK(rev2.say("d CREATE \"R&D\"\r\n") == "d OK CREATE completed\r\n");
    CHECK(rev1.say("m LIST \"\" R*\r\n") ==
          "* LIST (\\HasNoChildren) \"/\" R&-D\r\nm OK LIST completed\r\n");
    CHECK(rev2.say("e CREATE {1+}\r\n\xFF\r\n") ==
          "e BAD Mailbox names are UTF-8 in IMAP4rev2\r\n");
}

TEST_CASE("IMAP4rev2 STATUS has DELETED and SIZE", "[imap][rev2]") {
    StoreFixture f;
    f.deliver("INBOX", kMessage);
    Rev2 rev2{f};
    CHECK(rev2.say("s STATUS INBOX (MESSAGES DELETED SIZE)\r\n") ==
          "* STATUS INBOX (MESSAGES 1 DELETED 0 SIZE 20)\r\ns OK STATUS completed\r\n");
}

TEST_CASE("IMAP4rev2 explanations cite RFC 9051, IMAP4rev1's RFC 3501", "[imap][rev2][explain]") {
    StoreFixture f;
    Client c{f};
    c.session.take_events();
    c.say("a SELECT INBOX\r\n");
    const auto rev1_events = c.session.take_events();
    REQUIRE_FALSE(rev1_events.empty());
    CHECK(rev1_events.front().why.reference == "RFC 3501 §6.3.1");
    c.say("u UNSELECT\r\nE ENABLE IMAP4rev2\r\n");
    c.session.take_events();
    c.say("a SELECT INBOX\r\n");
    const auto rev2_events = c.session.take_events();
    REQUIRE_FALSE(rev2_events.empty());
    CHECK(rev2_events.front().why.reference == "RFC 9051 §6.3.2");
    for (const auto& event : rev2_events) {
        INFO(event.text);
        CHECK_FALSE(contains(event.why.reference, "RFC 3501"));
    }
}

TEST_CASE("every RFC 3501 section the explanations cite has an RFC 9051 counterpart",
          "[imap][rev2][explain]") {
    const auto cites_9051 = [](std::string_view reference) {
        INFO(std::string{reference});
        const std::string cited = cite_rfc9051(reference);
        CHECK_FALSE(contains(cited, "RFC 3501"));
        if (contains(std::string{reference}, "RFC 3501")) CHECK(contains(cited, "RFC 9051 "));
    };
    for (const CommandRow& row : command_table())
        cites_9051(row.reference);
    for (const char* name :
         {"CAPABILITY", "LIST",   "LSUB",      "STATUS",  "SEARCH",        "ESEARCH",
          "FLAGS",      "EXISTS", "RECENT",    "EXPUNGE", "FETCH",         "VANISHED",
          "ENABLED",    "ID",     "NAMESPACE", "QUOTA",   "QUOTAROOT",     "+",
          "PREAUTH",    "BYE",    "SORT",      "THREAD",  "PERMANENTFLAGS"})
        cites_9051(explain_response(name).reference);
    for (int kind = 0; kind <= static_cast<int>(CodeKind::Unseen); ++kind)
        cites_9051(explain_code(static_cast<CodeKind>(kind)).reference);
    for (Status s : {Status::Ok, Status::No, Status::Bad, Status::Bye, Status::Preauth})
        cites_9051(explain_status(s).reference);
    cites_9051(explain_command("BOGUS").reference);
    cites_9051(explain_response("BOGUS").reference);
    // What the session itself cites: states, autologout, logout, STARTTLS, a deleted mailbox.
    for (const char* reference : {"RFC 3501 §3", "RFC 3501 §5.4", "RFC 3501 §3.4",
                                  "RFC 3501 §6.2.1", "RFC 3501 §6.3.4, §7.1.5", "RFC 3501 §7.1.5"})
        cites_9051(reference);
    CHECK(cite_rfc9051("RFC 3501 §6.4.8, RFC 7162 §3.1.4") == "RFC 9051 §6.4.9, RFC 7162 §3.1.4");
    CHECK(cite_rfc9051("RFC 3501 §6.3.4, §7.1.5") == "RFC 9051 §6.3.5, §7.1.5");
    CHECK(cite_rfc9051("RFC 3501 §7.3.2") == "RFC 9051 Appendix E");
    CHECK(cite_rfc9051("RFC 3501 §9.9") == "RFC 3501 §9.9");
    CHECK(cite_rfc9051("RFC 2177") == "RFC 2177");
}
