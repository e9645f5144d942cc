// IMAP client Idle task against a scripted server (RFC 2177): changes pushed
// while idling reach the cache, new mail is fetched between DONE and the next
// IDLE, stop_idle() ends the wait, and an IDLE is renewed before 30 minutes.
#include <catch2/catch.hpp>

#include "tests/protocols/imap/client_test_support.hpp"

using namespace maillab::test::imap_client;

namespace {

const std::string kIdleCaps = std::string{kCaps} + " IDLE";

// Logs in to a server offering IDLE, selects the unchanged INBOX; returns the next command.
std::string ready(Client& c) {
    const std::string select = log_in(c, kIdleCaps);
    if (select != "A4 SELECT INBOX (QRESYNC (42 9))\r\n") return "select: " + select;
    return c.say(unchanged_select("A4"));
}

}  // namespace

TEST_CASE("client Idle: pushed changes, new mail fetched between DONE and IDLE, then stop",
          "[imap][client][idle]") {
    Client c{job({task(TaskKind::Idle)}), synced_cache()};
    REQUIRE(ready(c) == "A5 IDLE\r\n");
    CHECK_FALSE(c.session.idling());
    CHECK(c.say("+ idling\r\n").empty());
    CHECK(c.session.idling());
    CHECK(c.session.timeout() == kIdleRenewal);

    // Another device flags a message and expunges one (VANISHED, as QRESYNC is on):
    // pushed, applied, still idling.
    CHECK(c.say("* 2 FETCH (UID 4 FLAGS (\\Seen \\Flagged) MODSEQ (10))\r\n").empty());
    CHECK(c.say("* VANISHED 5\r\n").empty());
    const MailboxCache& inbox = c.cache.mailboxes.at("INBOX");
    CHECK(inbox.messages.at(4).flags == std::vector<std::string>{"\\Seen", "\\Flagged"});
    CHECK(inbox.messages.count(5) == 0);
    CHECK(c.session.idling());

    // New mail: DONE, the tagged OK, the fetch of the new message, IDLE again.
    CHECK(c.say("* 3 EXISTS\r\n") == "DONE\r\n");
    CHECK_FALSE(c.session.idling());
    CHECK(c.say("A5 OK Idle completed\r\n") ==
          "A6 UID FETCH 6:* (UID FLAGS MODSEQ BODY.PEEK[])\r\n");
    CHECK(c.say(fetch(3, 6, "", 12, message("Dinner?")) + "A6 OK Fetch completed\r\n") ==
          "A7 IDLE\r\n");
    CHECK(inbox.messages.at(6).subject == "Dinner?");
    CHECK(c.say("+ idling\r\n").empty());

    // The user stops waiting: DONE, then the session goes on (here: LOGOUT).
    c.session.stop_idle();
    CHECK(c.session.take_output() == "DONE\r\n");
    CHECK(c.say("A7 OK Idle completed\r\n") == "A8 LOGOUT\r\n");
    CHECK(c.session.take_changes().size() == 3);  // flags, removal, arrival
}

TEST_CASE("client Idle: renewed with DONE and IDLE when 29 minutes run out",
          "[imap][client][idle]") {
    Client c{job({task(TaskKind::Idle)}), synced_cache()};
    REQUIRE(ready(c) == "A5 IDLE\r\n");
    CHECK(c.say("+ idling\r\n").empty());
    c.session.on_timeout();
    CHECK(c.session.take_output() == "DONE\r\n");
    CHECK(c.say("A5 OK Idle completed\r\n") == "A6 IDLE\r\n");
    CHECK_FALSE(c.session.closed());
    // Stopped before the server's "+": DONE follows the continuation at once.
    c.session.stop_idle();
    CHECK(c.session.take_output().empty());
    CHECK(c.say("+ idling\r\n") == "DONE\r\n");
    CHECK(c.say("A6 OK Idle completed\r\n") == "A7 LOGOUT\r\n");
}

TEST_CASE("client Idle: a server without IDLE, a wait stopped early, IDLE refused",
          "[imap][client][idle]") {
    SECTION("no IDLE capability: a note, no IDLE command") {
        Client c{job({task(TaskKind::Idle)}), synced_cache()};
        CHECK(log_in(c) == "A4 SELECT INBOX (QRESYNC (42 9))\r\n");
        CHECK(c.say(unchanged_select("A4")) == "A5 LOGOUT\r\n");
        CHECK(c.noted("offers no IDLE"));
    }
    SECTION("stopped while fetching new mail: no second IDLE") {
        Client c{job({task(TaskKind::Idle)}), synced_cache()};
        REQUIRE(ready(c) == "A5 IDLE\r\n");
        CHECK(c.say("+ idling\r\n").empty());
        CHECK(c.say("* 4 EXISTS\r\n") == "DONE\r\n");
        CHECK(c.say("A5 OK Idle completed\r\n") ==
              "A6 UID FETCH 6:* (UID FLAGS MODSEQ BODY.PEEK[])\r\n");
        c.session.stop_idle();
        CHECK(c.session.take_output().empty());
        CHECK(c.say(fetch(4, 6, "", 12, message("Dinner?")) + "A6 OK Fetch completed\r\n") ==
              "A7 LOGOUT\r\n");
    }
    SECTION("stopped before the task began: IDLE is skipped") {
        Client c{job({task(TaskKind::Idle)}), synced_cache()};
        c.session.stop_idle();
        CHECK(ready(c) == "A5 LOGOUT\r\n");
        CHECK(c.noted("not started"));
    }
    SECTION("IDLE answered with BAD: a note and the next task") {
        ClientTask search = task(TaskKind::Search);
        search.criteria = "UNSEEN";
        Client c{job({task(TaskKind::Idle), search}), synced_cache()};
        REQUIRE(ready(c) == "A5 IDLE\r\n");
        CHECK(c.say("A5 BAD Not now\r\n") == "A6 UID SEARCH UNSEEN\r\n");
        CHECK(c.noted("IDLE failed"));
    }
}
