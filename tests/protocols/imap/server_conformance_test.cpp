// What Dovecot's compliance suite (imaptest) checks that the other server tests
// did not: several sessions on one mailbox as Dovecot and Cyrus handle them
// (RFC 2180 §4.1), keywords announced before use (RFC 3501 §7.2.6), LIST-EXTENDED
// errors and CHILDINFO (RFC 5258), LSUB's \Noselect parents (RFC 3501 §6.3.9),
// ESEARCH with MODSEQ (RFC 7162 §3.1.5) and address searches.
#include <catch2/catch.hpp>
#include <string>

#include "tests/protocols/imap/server_fixture.hpp"

using namespace maillab::protocols;
using namespace maillab::protocols::imap;
using maillab::test::Client;
using maillab::test::contains;
using maillab::test::simple_message;
using maillab::test::StoreFixture;

namespace {

struct TwoSessions {
    TwoSessions() {
        for (const char* s : {"one", "two", "three"})
            f.deliver("INBOX", simple_message(s));
        first.say("a SELECT INBOX\r\n");
        second.say("b SELECT INBOX\r\n");
    }
    StoreFixture f;
    Client first{f};
    Client second{f};
};

}  // namespace

TEST_CASE("a message another session expunged stays fetchable until the EXPUNGE is told",
          "[imap][server][sync][conformance]") {
    TwoSessions t;
    const std::string body = t.second.say("c FETCH 2 BODY.PEEK[]\r\n");
    REQUIRE(contains(body, "c OK FETCH completed\r\n"));
    t.first.say("d STORE 2 +FLAGS.SILENT (\\Deleted)\r\n");
    CHECK(t.first.say("e EXPUNGE\r\n") == "* 2 EXPUNGE\r\ne OK EXPUNGE completed\r\n");
    // FETCH may not tell the EXPUNGE (RFC 3501 §7.4.1), so message 2 is still there for
    // this session: its octets, flags and size come from what the store kept.
    const std::string untagged = body.substr(0, body.find("c OK"));
    REQUIRE(contains(untagged, "* 2 FETCH (BODY[] {"));
    CHECK(t.second.say("f FETCH 2 BODY.PEEK[]\r\n") == untagged + "f OK FETCH completed\r\n");
    CHECK(t.second.say("g NOOP\r\n") == "* 2 EXPUNGE\r\ng OK NOOP completed\r\n");
    CHECK(t.second.say("h FETCH 3 BODY.PEEK[]\r\n").rfind("h BAD", 0) == 0);
}

TEST_CASE("a new keyword set by another session is announced in FLAGS before its FETCH",
          "[imap][server][sync][conformance]") {
    TwoSessions t;
    t.first.say("c STORE 1 +FLAGS ($Important)\r\n");
    CHECK(t.second.say("d NOOP\r\n") ==
          "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Important)\r\n"
          "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Important \\*)] "
          "Flags permitted\r\n"
          "* 1 FETCH (UID 1 FLAGS ($Important))\r\n"
          "d OK NOOP completed\r\n");
    // Told once: the next change with the same keyword needs no announcement.
    t.first.say("e STORE 2 +FLAGS ($Important)\r\n");
    CHECK(t.second.say("f NOOP\r\n") ==
          "* 2 FETCH (UID 2 FLAGS ($Important))\r\nf OK NOOP completed\r\n");
}

TEST_CASE("keywords are atoms: NIL is one, a parenthesis is not",
          "[imap][server][store][conformance]") {
    TwoSessions t;
    CHECK(
        contains(t.first.say("c STORE 1 +FLAGS NIL\r\n"), "* 1 FETCH (FLAGS (\\Recent NIL))\r\n"));
    CHECK(t.first.say("d STORE 1 +FLAGS (a{b)\r\n").rfind("d BAD", 0) == 0);
}

TEST_CASE("a flag change queued before this session's own STORE does not undo it",
          "[imap][server][sync][conformance]") {
    TwoSessions t;
    t.first.say("c STORE 1 +FLAGS (\\Seen)\r\n");
    t.second.say("d NOOP\r\n");
    t.first.say("e STORE 1 +FLAGS (\\Answered)\r\n");  // queued for the second session
    t.second.say("f STORE 1 -FLAGS (\\Seen)\r\n");
    CHECK(t.second.say("g FETCH 1 FLAGS\r\n") ==
          "* 1 FETCH (FLAGS (\\Answered))\r\ng OK FETCH completed\r\n");
    // Told before the answer, so that the answer never shows flags older than the store's.
    CHECK(t.first.say("h FETCH 1 FLAGS\r\n") ==
          "* 1 FETCH (UID 1 FLAGS (\\Recent \\Answered))\r\n"
          "* 1 FETCH (FLAGS (\\Recent \\Answered))\r\nh OK FETCH completed\r\n");
}

TEST_CASE("EXAMINE reports Recent without taking it from a later SELECT",
          "[imap][server][select][conformance]") {
    StoreFixture f;
    f.deliver("INBOX", simple_message("one"));
    f.deliver("INBOX", simple_message("two"));
    Client c{f};
    CHECK(contains(c.say("a EXAMINE INBOX\r\n"), "* 2 RECENT\r\n"));
    c.say("b CLOSE\r\n");
    CHECK(contains(c.say("c STATUS INBOX (RECENT)\r\n"), "(RECENT 2)"));
    CHECK(contains(c.say("d SELECT INBOX\r\n"), "* 2 RECENT\r\n"));
    c.say("e CLOSE\r\n");
    CHECK(contains(c.say("f STATUS INBOX (RECENT)\r\n"), "(RECENT 0)"));
}

TEST_CASE("LIST refuses options it does not know with BAD (RFC 5258 §3)",
          "[imap][server][list][conformance]") {
    StoreFixture f;
    Client c{f};
    CHECK(c.say("a LIST (IMAPTEST) \"\" \"\"\r\n").rfind("a BAD", 0) == 0);
    CHECK(c.say("b LIST \"\" \"\" RETURN (IMAPTEST)\r\n").rfind("b BAD", 0) == 0);
    CHECK(c.say("c LIST (RECURSIVEMATCH REMOTE) \"\" \"\"\r\n").rfind("c BAD", 0) == 0);
    CHECK(contains(c.say("d LIST (REMOTE) \"\" %\r\n"), "d OK LIST completed\r\n"));
}

TEST_CASE("LSUB with % names the unsubscribed parent of a subscription with Noselect",
          "[imap][server][list][conformance]") {
    StoreFixture f;
    Client c{f};
    for (const char* name : {"box", "box/test", "box/test2", "box/test2/test", "box/test3/test3"})
        c.say(std::string{"c CREATE "} + name + "\r\n");
    for (const char* name : {"box/test", "box/test2/test", "box/test3/test3"})
        c.say(std::string{"s SUBSCRIBE "} + name + "\r\n");
    CHECK(c.say("a LSUB \"\" box/%\r\n") ==
          "* LSUB () \"/\" box/test\r\n"
          "* LSUB (\\Noselect) \"/\" box/test2\r\n"
          "* LSUB (\\Noselect) \"/\" box/test3\r\n"
          "a OK LSUB completed\r\n");
    c.say("s SUBSCRIBE box/test2\r\n");
    CHECK(contains(c.say("b LSUB \"\" box/%\r\n"), "* LSUB () \"/\" box/test2\r\n"));
}

TEST_CASE("RECURSIVEMATCH gives CHILDINFO only for subscribed children the patterns miss",
          "[imap][server][list][conformance]") {
    StoreFixture f;
    Client c{f};
    for (const char* name : {"m/t7/t7", "m/t8/t8", "m/t8/t9"})
        c.say(std::string{"c CREATE "} + name + "\r\n");
    for (const char* name : {"m/t7/t7", "m/t8/t8", "m/t8/t9"})
        c.say(std::string{"s SUBSCRIBE "} + name + "\r\n");
    CHECK(c.say("a LIST (SUBSCRIBED RECURSIVEMATCH) \"\" m*t7\r\n") ==
          "* LIST (\\HasNoChildren \\Subscribed) \"/\" m/t7/t7\r\na OK LIST completed\r\n");
    CHECK(c.say("b LIST (SUBSCRIBED RECURSIVEMATCH) \"\" m*t8\r\n") ==
          "* LIST (\\Noselect \\HasChildren) \"/\" m/t8 (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n"
          "* LIST (\\HasNoChildren \\Subscribed) \"/\" m/t8/t8\r\n"
          "b OK LIST completed\r\n");
}

TEST_CASE("ESEARCH with MODSEQ reports the highest mod-sequence of what it returns",
          "[imap][server][search][conformance]") {
    StoreFixture f;
    for (const char* s : {"one", "two", "three"})
        f.deliver("INBOX", simple_message(s));
    Client c{f};
    c.say("a SELECT INBOX\r\n");
    // The first CONDSTORE-enabling command tells HIGHESTMODSEQ (RFC 7162 §3.1).
    const std::string first = c.say("b FETCH 1 MODSEQ\r\n");
    CHECK(first.rfind("* OK [HIGHESTMODSEQ ", 0) == 0);
    CHECK(c.say("c FETCH 1 MODSEQ\r\n").rfind("* 1 FETCH", 0) == 0);
    const auto modseq = [&](int seq) {
        c.say("s STORE " + std::to_string(seq) + " +FLAGS.SILENT (\\Seen)\r\n");
        return f.mail.messages("alice", "INBOX").value()[static_cast<std::size_t>(seq - 1)].modseq;
    };
    const auto m1 = modseq(1);
    const auto m3 = modseq(3);
    const auto m2 = modseq(2);
    REQUIRE(m1 < m3);
    REQUIRE(m3 < m2);
    const std::string query = " 1:3 MODSEQ \"/flags/\\\\seen\" all 1\r\n";
    CHECK(c.say("d SEARCH RETURN (MIN)" + query) == "* ESEARCH (TAG \"d\") MIN 1 MODSEQ " +
                                                        std::to_string(m1) +
                                                        "\r\nd OK SEARCH completed\r\n");
    CHECK(c.say("e SEARCH RETURN (MAX)" + query) == "* ESEARCH (TAG \"e\") MAX 3 MODSEQ " +
                                                        std::to_string(m3) +
                                                        "\r\ne OK SEARCH completed\r\n");
    CHECK(c.say("f SEARCH RETURN ()" + query) == "* ESEARCH (TAG \"f\") ALL 1:3 MODSEQ " +
                                                     std::to_string(m2) +
                                                     "\r\nf OK SEARCH completed\r\n");
}

TEST_CASE("FROM finds an address written with comments by its plain form",
          "[imap][server][search][conformance]") {
    StoreFixture f;
    f.deliver("INBOX",
              "From: <user-from (comment)@ (comment) domain.org>\r\nSubject: a\r\n\r\nx\r\n");
    f.deliver("INBOX", "From: RealFrom <user-from@domain.org>\r\nSubject: b\r\n\r\nx\r\n");
    f.deliver("INBOX", "From: other@domain.org\r\nSubject: c\r\n\r\nx\r\n");
    Client c{f};
    c.say("a SELECT INBOX\r\n");
    CHECK(c.say("b SEARCH FROM user-from@domain.org\r\n") ==
          "* SEARCH 1 2\r\nb OK SEARCH completed\r\n");
    CHECK(c.say("c SEARCH FROM \"RealFrom <user-from\"\r\n") ==
          "* SEARCH 2\r\nc OK SEARCH completed\r\n");
}
