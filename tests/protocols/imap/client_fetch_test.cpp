// IMAP client task Fetch: chosen items of one message (RFC 9051 §6.4.5),
// without the resync that downloads every body, against a scripted server.
#include <catch2/catch.hpp>

#include "tests/protocols/imap/client_test_support.hpp"

using namespace maillab::test::imap_client;

namespace {

ClientTask fetch(std::string subject, std::string items) {
    ClientTask t = task(TaskKind::Fetch, std::move(subject));
    t.criteria = std::move(items);
    return t;
}

}  // namespace

TEST_CASE("client task Fetch on an empty cache: SEARCH SUBJECT, then only the items",
          "[imap][client][fetch]") {
    Client c{job({fetch("Holiday photos", "ENVELOPE BODYSTRUCTURE")}), ClientCache{}};
    CHECK(log_in(c).starts_with("A4 SELECT INBOX"));
    // Three messages exist, yet no UID FETCH 1:* (... BODY.PEEK[]) follows.
    CHECK(c.say("* 3 EXISTS\r\n* OK [UIDVALIDITY 42] UIDs valid\r\n* OK [UIDNEXT 10] next\r\n"
                "A4 OK [READ-WRITE] Select completed\r\n") ==
          "A5 UID SEARCH SUBJECT \"Holiday photos\"\r\n");
    CHECK(c.say("* SEARCH 9 7\r\nA5 OK Search completed\r\n") ==
          "A6 UID FETCH 7 (ENVELOPE BODYSTRUCTURE)\r\n");
    CHECK(c.say("* 2 FETCH (UID 7 BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" 5 1))\r\n"
                "A6 OK Fetch completed\r\n") == "A7 LOGOUT\r\n");
    CHECK(c.cache.mailboxes["INBOX"].messages.empty());  // nothing downloaded
    CHECK(c.noted("fetched (ENVELOPE BODYSTRUCTURE) of \"Holiday photos\": "));
}

TEST_CASE("client task Fetch of a cached message asks the server for its UID's part only",
          "[imap][client][fetch]") {
    Client c{job({fetch("Invoice", "BODY[2]")}), synced_cache()};
    CHECK(log_in(c) == "A4 SELECT INBOX (QRESYNC (42 9))\r\n");
    CHECK(c.say(unchanged_select("A4")) == "A5 UID FETCH 4 (BODY[2])\r\n");
    CHECK(c.say("* 2 FETCH (UID 4 BODY[2] {4}\r\nAAAA)\r\nA5 OK Fetch completed\r\n") ==
          "A6 LOGOUT\r\n");
}

TEST_CASE("client task Fetch of a message the server does not have fetches nothing",
          "[imap][client][fetch]") {
    Client c{job({fetch("Nowhere", "ENVELOPE")}), synced_cache()};
    log_in(c);
    CHECK(c.say(unchanged_select("A4")) == "A5 UID SEARCH SUBJECT Nowhere\r\n");
    CHECK(c.say("* SEARCH\r\nA5 OK Search completed\r\n") == "A6 LOGOUT\r\n");
}
