// IMAP client against a scripted server: each task, offline actions and
// their replay, NO/BAD/BYE/drop handling and the client's limits.
#include <catch2/catch.hpp>

#include "tests/protocols/imap/client_test_support.hpp"

using namespace maillab::test::imap_client;

namespace {

ClientTask with_flags(TaskKind kind, std::string subject, std::vector<std::string> flags) {
    ClientTask t = task(kind, std::move(subject));
    t.flags = std::move(flags);
    return t;
}

// Logs in with kCaps, selects the unchanged INBOX and returns the task's first command.
std::string ready(Client& c) {
    const std::string select = log_in(c);
    if (select != "A4 SELECT INBOX (QRESYNC (42 9))\r\n") return "select: " + select;
    return c.say(unchanged_select("A4"));
}

}  // namespace

TEST_CASE("client task Read: UID FETCH BODY[], Seen from the server's FETCH", "[imap][client]") {
    Client c{job({task(TaskKind::Read, "Lunch on Friday?")}), synced_cache()};
    CHECK(ready(c) == "A5 UID FETCH 3 (BODY[])\r\n");
    const std::string body = message("Lunch on Friday?");
    CHECK(c.say("* 1 FETCH (UID 3 BODY[] {" + std::to_string(body.size()) + "}\r\n" + body +
                " FLAGS (\\Seen) MODSEQ (10))\r\nA5 OK Fetch completed\r\n") == "A6 LOGOUT\r\n");
    CHECK(c.cache.mailboxes["INBOX"].messages.at(3).flags == std::vector<std::string>{"\\Seen"});
    const auto changes = c.session.take_changes();
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].kind == CacheChange::Kind::FlagsChanged);
}

TEST_CASE("client tasks SetFlags, ClearFlags, Delete: UID STORE", "[imap][client]") {
    Client c{job({with_flags(TaskKind::SetFlags, "Invoice", {"\\Flagged"}),
                  with_flags(TaskKind::ClearFlags, "Invoice", {"\\Seen"}),
                  task(TaskKind::Delete, "Party")}),
             synced_cache()};
    CHECK(ready(c) == "A5 UID STORE 4 +FLAGS (\\Flagged)\r\n");
    CHECK(c.say("* 2 FETCH (UID 4 FLAGS (\\Seen \\Flagged) MODSEQ (10))\r\nA5 OK\r\n") ==
          "A6 UID STORE 4 -FLAGS (\\Seen)\r\n");
    CHECK(c.say("* 2 FETCH (UID 4 FLAGS (\\Flagged) MODSEQ (11))\r\nA6 OK\r\n") ==
          "A7 UID STORE 5 +FLAGS (\\Deleted)\r\n");
    CHECK(c.say("* 3 FETCH (UID 5 FLAGS (\\Deleted) MODSEQ (12))\r\nA7 OK\r\n") == "A8 LOGOUT\r\n");
    const MailboxCache& inbox = c.cache.mailboxes.at("INBOX");
    CHECK(inbox.messages.at(4).flags == std::vector<std::string>{"\\Flagged"});
    CHECK(inbox.messages.at(5).flags == std::vector<std::string>{"\\Deleted"});
    CHECK(c.session.take_changes().size() == 3);
}

TEST_CASE("client task Expunge with UIDPLUS: UID EXPUNGE of the cached Deleted set",
          "[imap][client]") {
    ClientCache cache = synced_cache();
    cache.mailboxes["INBOX"].messages.at(5).flags = {"\\Deleted"};
    Client c{job({task(TaskKind::Expunge)}), cache};
    CHECK(ready(c) == "A5 UID EXPUNGE 5\r\n");
    CHECK(c.say("* VANISHED 5\r\nA5 OK Expunge completed\r\n") == "A6 LOGOUT\r\n");
    CHECK(c.cache.mailboxes.at("INBOX").messages.count(5) == 0);
}

TEST_CASE("client task Expunge without UIDPLUS or QRESYNC: EXPUNGE and sequence numbers",
          "[imap][client]") {
    const std::string caps = "IMAP4rev1 SASL-IR AUTH=PLAIN";
    Client c{job({task(TaskKind::Expunge)}), synced_cache()};
    c.say("* OK [CAPABILITY " + caps + "] ready\r\n");
    CHECK(c.say("A1 OK [CAPABILITY " + caps + "] ok\r\n") == "A2 LIST \"\" \"*\"\r\n");
    CHECK(c.say("* LIST () \"/\" INBOX\r\nA2 OK\r\n") == "A3 SELECT INBOX\r\n");
    CHECK(c.say("* 3 EXISTS\r\n* OK [UIDVALIDITY 42] x\r\n* OK [UIDNEXT 6] x\r\nA3 OK ok\r\n") ==
          "A4 UID FETCH 1:* (UID FLAGS)\r\n");
    CHECK(c.say("* 1 FETCH (UID 3 FLAGS ())\r\n* 2 FETCH (UID 4 FLAGS (\\Seen \\Deleted))\r\n"
                "* 3 FETCH (UID 5 FLAGS ())\r\nA4 OK\r\n") == "A5 UID SEARCH ALL\r\n");
    CHECK(c.say("* SEARCH 3 4 5\r\nA5 OK\r\n") == "A6 EXPUNGE\r\n");
    CHECK(c.say("* 2 EXPUNGE\r\nA6 OK\r\n") == "A7 LOGOUT\r\n");
    const MailboxCache& inbox = c.cache.mailboxes.at("INBOX");
    CHECK(inbox.messages.count(4) == 0);
    CHECK(inbox.messages.size() == 2);
    CHECK(inbox.highest_modseq == 0);
}

TEST_CASE("client task Move with MOVE: COPYUID puts the message in the cached target",
          "[imap][client]") {
    Client c{job({task(TaskKind::Move, "Lunch on Friday?", "Archive")}), synced_cache()};
    CHECK(ready(c) == "A5 UID MOVE 3 Archive\r\n");
    CHECK(c.say("* OK [COPYUID 50 3 2] Moved\r\n* VANISHED 3\r\nA5 OK Move completed\r\n") ==
          "A6 LOGOUT\r\n");
    CHECK(c.cache.mailboxes.at("INBOX").messages.count(3) == 0);
    REQUIRE(c.cache.mailboxes.at("Archive").messages.count(2) == 1);
    CHECK(c.cache.mailboxes.at("Archive").messages.at(2).subject == "Lunch on Friday?");
    const auto changes = c.session.take_changes();
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].kind == CacheChange::Kind::Added);
    CHECK(changes[0].mailbox == "Archive");
    CHECK(changes[1].kind == CacheChange::Kind::Removed);
}

TEST_CASE("client task Move without MOVE: UID COPY, UID STORE Deleted, UID EXPUNGE",
          "[imap][client]") {
    const std::string caps = "IMAP4rev1 SASL-IR AUTH=PLAIN ENABLE UIDPLUS CONDSTORE QRESYNC";
    Client c{job({task(TaskKind::Move, "Lunch on Friday?", "Archive")}), synced_cache()};
    REQUIRE(log_in(c, caps) == "A4 SELECT INBOX (QRESYNC (42 9))\r\n");
    CHECK(c.say(unchanged_select("A4")) == "A5 UID COPY 3 Archive\r\n");
    CHECK(c.say("A5 OK [COPYUID 50 3 2] Copied\r\n") == "A6 UID STORE 3 +FLAGS (\\Deleted)\r\n");
    CHECK(c.say("* 1 FETCH (UID 3 FLAGS (\\Deleted) MODSEQ (10))\r\nA6 OK\r\n") ==
          "A7 UID EXPUNGE 3\r\n");
    CHECK(c.say("* VANISHED 3\r\nA7 OK\r\n") == "A8 LOGOUT\r\n");
    CHECK(c.cache.mailboxes.at("INBOX").messages.count(3) == 0);
    CHECK(c.cache.mailboxes.at("Archive").messages.count(2) == 1);
}

TEST_CASE("client tasks Search and Create", "[imap][client]") {
    ClientTask search = task(TaskKind::Search);
    search.criteria = "UNSEEN";
    Client c{job({search, task(TaskKind::Create, {}, "Projects")}), synced_cache()};
    CHECK(ready(c) == "A5 UID SEARCH UNSEEN\r\n");
    CHECK(c.say("* SEARCH 3 5\r\nA5 OK\r\n") == "A6 CREATE Projects\r\n");
    CHECK(c.session.report().search_results == std::vector<std::uint32_t>{3, 5});
    CHECK(c.say("A6 OK Create completed\r\n") == "A7 LOGOUT\r\n");
    CHECK(c.cache.folders == std::vector<std::string>{"INBOX", "Archive", "Projects"});
}

TEST_CASE("client task refused with NO: a Note, and the next task", "[imap][client][errors]") {
    Client c{job({task(TaskKind::Move, "Party", "Nowhere"), task(TaskKind::Read, "Invoice")}),
             synced_cache()};
    CHECK(ready(c) == "A5 UID MOVE 5 Nowhere\r\n");
    c.session.take_events();
    CHECK(c.say("A5 NO [TRYCREATE] Mailbox doesn't exist\r\n") == "A6 UID FETCH 4 (BODY[])\r\n");
    CHECK(c.noted("Move failed: NO Mailbox doesn't exist"));
    CHECK(c.cache.mailboxes.at("INBOX").messages.count(5) == 1);
}

TEST_CASE("client offline: apply_offline changes the cache and queues the action",
          "[imap][client][offline]") {
    ClientCache cache = synced_cache();
    auto read = apply_offline(cache, task(TaskKind::Read, "Lunch on Friday?"));
    REQUIRE(read.size() == 1);
    CHECK(read[0].kind == CacheChange::Kind::FlagsChanged);
    CHECK(read[0].flags == std::vector<std::string>{"\\Seen"});
    CHECK(apply_offline(cache, task(TaskKind::Delete, "Party")).size() == 1);
    auto moved = apply_offline(cache, task(TaskKind::Move, "Invoice", "Archive"));
    REQUIRE(moved.size() == 1);
    CHECK(moved[0].kind == CacheChange::Kind::Removed);
    CHECK(cache.mailboxes.at("Archive").messages.empty());  // new uid unknown until a sync
    auto expunged = apply_offline(cache, task(TaskKind::Expunge));
    REQUIRE(expunged.size() == 1);
    CHECK(expunged[0].uid == 5);
    CHECK(apply_offline(cache, task(TaskKind::Create, {}, "Projects")).empty());
    CHECK(cache.folders.back() == "Projects");

    const auto sync = apply_offline_task(cache, task(TaskKind::Sync));
    CHECK_FALSE(sync.queued);
    CHECK(sync.note.find("needs the server") != std::string::npos);
    CHECK_FALSE(apply_offline_task(cache, task(TaskKind::Search)).queued);
    CHECK_FALSE(apply_offline_task(cache, task(TaskKind::Read, "No such subject")).queued);

    REQUIRE(cache.pending.size() == 5);
    CHECK(cache.pending[0].uids == std::vector<std::uint32_t>{3});
    CHECK(cache.pending[2].kind == TaskKind::Move);
    CHECK(cache.pending[2].uids == std::vector<std::uint32_t>{4});
    CHECK(cache.pending[3].uids == std::vector<std::uint32_t>{5});
    CHECK(cache.mailboxes.at("INBOX").messages.size() == 1);
}

TEST_CASE("client replays offline actions on reconnect, a vanished UID is dropped",
          "[imap][client][offline]") {
    ClientCache cache = synced_cache();
    apply_offline(cache, task(TaskKind::Read, "Lunch on Friday?"));
    apply_offline(cache, task(TaskKind::Delete, "Party"));
    apply_offline(cache, task(TaskKind::Move, "Invoice", "Archive"));
    apply_offline(cache, task(TaskKind::Expunge));
    Client c{job(), cache};
    CHECK(log_in(c) == "A4 SELECT INBOX\r\n");
    CHECK(c.say("* 3 EXISTS\r\n* OK [UIDVALIDITY 42] x\r\nA4 OK\r\n") == "A5 UID SEARCH UID 3\r\n");
    CHECK(c.say("* SEARCH 3\r\nA5 OK\r\n") == "A6 UID STORE 3 +FLAGS (\\Seen)\r\n");
    CHECK(c.say("* 1 FETCH (UID 3 FLAGS (\\Seen) MODSEQ (10))\r\nA6 OK\r\n") ==
          "A7 UID SEARCH UID 5\r\n");
    CHECK(c.cache.pending.size() == 3);
    CHECK(c.say("* SEARCH 5\r\nA7 OK\r\n") == "A8 UID STORE 5 +FLAGS (\\Deleted)\r\n");
    CHECK(c.say("A8 OK\r\n") == "A9 UID SEARCH UID 4\r\n");
    c.session.take_events();
    // Another device removed uid 4 meanwhile: the offline Move is dropped.
    CHECK(c.say("* SEARCH\r\nA9 OK\r\n") == "A10 UID SEARCH UID 5\r\n");
    CHECK(c.noted("pending Move of uid 4 dropped: the message no longer exists on the server"));
    CHECK(c.say("* SEARCH 5\r\nA10 OK\r\n") == "A11 UID EXPUNGE 5\r\n");
    CHECK(c.say("* VANISHED 5\r\nA11 OK\r\n") == "A12 LOGOUT\r\n");
    CHECK(c.cache.pending.empty());
    CHECK(c.session.report().replayed == 3);
    CHECK(c.session.report().dropped == 1);
}

TEST_CASE("client replay: BAD keeps the action queued, NO drops it", "[imap][client][offline]") {
    ClientCache cache = synced_cache();
    apply_offline(cache, task(TaskKind::Read, "Lunch on Friday?"));
    apply_offline(cache, task(TaskKind::Delete, "Party"));
    Client c{job(), cache};
    CHECK(log_in(c) == "A4 SELECT INBOX\r\n");
    c.say("* OK [UIDVALIDITY 42] x\r\nA4 OK\r\n");
    CHECK(c.say("* SEARCH 3\r\nA5 OK\r\n") == "A6 UID STORE 3 +FLAGS (\\Seen)\r\n");
    CHECK(c.say("A6 BAD Error in IMAP command\r\n") == "A7 UID SEARCH UID 5\r\n");
    CHECK(c.say("* SEARCH 5\r\nA7 OK\r\n") == "A8 UID STORE 5 +FLAGS (\\Deleted)\r\n");
    CHECK(c.say("A8 NO [NOPERM] read-only\r\n") == "A9 LOGOUT\r\n");
    REQUIRE(c.cache.pending.size() == 1);
    CHECK(c.cache.pending[0].kind == TaskKind::Read);
    CHECK(c.session.report().dropped == 1);
    CHECK(c.session.report().replayed == 0);
}

TEST_CASE("client replay: a UIDVALIDITY change drops the action", "[imap][client][offline]") {
    ClientCache cache = synced_cache();
    apply_offline(cache, task(TaskKind::Read, "Lunch on Friday?"));
    Client c{job(), cache};
    CHECK(log_in(c) == "A4 SELECT INBOX\r\n");
    CHECK(c.say("* OK [UIDVALIDITY 43] x\r\nA4 OK\r\n") == "A5 LOGOUT\r\n");
    CHECK(c.cache.pending.empty());
    CHECK(c.cache.mailboxes.at("INBOX").messages.empty());
}

TEST_CASE("client: BYE, a drop or a timeout keep the cache consistent and the queue intact",
          "[imap][client][errors]") {
    ClientCache cache = synced_cache();
    apply_offline(cache, task(TaskKind::Read, "Lunch on Friday?"));
    SECTION("BYE during the replay") {
        Client c{job(), cache};
        CHECK(log_in(c) == "A4 SELECT INBOX\r\n");
        CHECK(c.say("* BYE Server shutting down\r\n").empty());
        CHECK(c.session.closed());
        CHECK(c.session.report().error == "the server said BYE: Server shutting down");
        CHECK(c.cache.pending.size() == 1);
    }
    SECTION("timeout") {
        Client c{job(), cache};
        log_in(c);
        REQUIRE(c.session.timeout() == kClientReplyTimeout);
        c.session.on_timeout();
        CHECK(c.session.closed());
        CHECK(c.session.timeout() == std::nullopt);
        CHECK(c.cache.pending.size() == 1);
    }
    SECTION("drop in the middle of a resync: uidnext and modseq are not advanced") {
        ClientCache plain = synced_cache();
        const std::string caps = "IMAP4rev1 SASL-IR AUTH=PLAIN CONDSTORE";
        Client c{job({task(TaskKind::Sync)}), plain};
        c.say("* OK [CAPABILITY " + caps + "] ready\r\n");
        c.say("A1 OK [CAPABILITY " + caps + "] ok\r\n");
        CHECK(c.say("A2 OK\r\n") == "A3 SELECT INBOX (CONDSTORE)\r\n");
        c.say(
            "* 4 EXISTS\r\n* OK [UIDVALIDITY 42] x\r\n* OK [UIDNEXT 9] x\r\n"
            "* OK [HIGHESTMODSEQ 20] x\r\nA3 OK ok\r\n");
        CHECK(c.say("* 1 FETCH (UID 3 FLAGS (\\Seen) MODSEQ (15))\r\nA4 OK\r\n") ==
              "A5 UID SEARCH ALL\r\n");
        c.session.on_peer_closed();
        CHECK(c.session.closed());
        CHECK(c.session.report().error == "the connection dropped");
        const MailboxCache& inbox = c.cache.mailboxes.at("INBOX");
        CHECK(inbox.uidnext == 6);
        CHECK(inbox.highest_modseq == 9);
        CHECK(inbox.messages.at(3).flags == std::vector<std::string>{"\\Seen"});
    }
    SECTION("an unknown tag") {
        Client c{job(), cache};
        c.say("* OK [CAPABILITY IMAP4rev1] ready\r\n");
        CHECK(c.say("X9 OK what\r\n").empty());
        CHECK(c.session.closed());
    }
    SECTION("a malformed response") {
        Client c{job(), cache};
        c.say("* OK [CAPABILITY IMAP4rev1] ready\r\n");
        CHECK(c.say("* 3 FETCH (UID\r\n").empty());
        CHECK(c.session.closed());
        CHECK(c.session.report().error.find("malformed") != std::string::npos);
    }
}

TEST_CASE("client limits: message count, EXISTS, line and literal size", "[imap][client][limits]") {
    CHECK(ClientJob{}.max_messages == kMaxCachedMessages);
    SECTION("at most max_messages per cached mailbox") {
        ClientJob j = job({task(TaskKind::Sync)});
        j.max_messages = 1;
        Client c{j};
        CHECK(log_in(c) == "A4 SELECT INBOX (CONDSTORE)\r\n");
        c.say("* 2 EXISTS\r\n* OK [UIDVALIDITY 42] x\r\n* OK [UIDNEXT 8] x\r\nA4 OK\r\n");
        c.session.take_events();
        CHECK(c.say(fetch(1, 3, "", 4, message("a")) + fetch(2, 7, "", 9, message("b")) +
                    "A5 OK\r\n") == "A6 LOGOUT\r\n");
        CHECK(c.noted("further new messages are not kept"));
        CHECK(c.cache.mailboxes.at("INBOX").messages.size() == 1);
        CHECK(c.cache.mailboxes.at("INBOX").uidnext == 8);
    }
    SECTION("EXISTS beyond kMaxMailboxMessages") {
        Client c{job({task(TaskKind::Sync)})};
        log_in(c);
        c.say("* " + std::to_string(kMaxMailboxMessages + 1) + " EXISTS\r\n");
        CHECK(c.session.closed());
    }
    SECTION("a response line beyond kMaxResponseLineOctets") {
        Client c{job()};
        c.say("* OK " + std::string(kMaxResponseLineOctets, 'x') + "\r\n");
        CHECK(c.session.closed());
        CHECK(c.session.report().error.find("longer than") != std::string::npos);
    }
    SECTION("a literal beyond kMaxResponseLiteralOctets") {
        Client c{job()};
        log_in(c);
        c.say("* 1 FETCH (BODY[] {" + std::to_string(kMaxResponseLiteralOctets + 1) + "}\r\n");
        CHECK(c.session.closed());
        CHECK(c.session.report().error.find("literal") != std::string::npos);
    }
}

TEST_CASE("client: SELECT refused, or a resync step refused, leaves the cache as it was",
          "[imap][client][errors]") {
    ClientTask gone = task(TaskKind::Sync);
    gone.mailbox = "Gone";
    Client c{job({gone, task(TaskKind::Sync)}), synced_cache()};
    CHECK(log_in(c) == "A4 SELECT Gone (CONDSTORE)\r\n");
    c.session.take_events();
    CHECK(c.say("A4 NO [NONEXISTENT] Mailbox doesn't exist: Gone\r\n") ==
          "A5 SELECT INBOX (QRESYNC (42 9))\r\n");
    CHECK(c.noted("SELECT Gone failed: NO Mailbox doesn't exist: Gone"));
    CHECK(c.say("* 4 EXISTS\r\n* OK [UIDVALIDITY 42] x\r\n* OK [UIDNEXT 8] x\r\n"
                "* OK [HIGHESTMODSEQ 12] x\r\nA5 OK\r\n") ==
          "A6 UID FETCH 6:* (UID FLAGS MODSEQ BODY.PEEK[])\r\n");
    CHECK(c.say("A6 BAD Internal error\r\n") == "A7 LOGOUT\r\n");
    const MailboxCache& inbox = c.cache.mailboxes.at("INBOX");
    CHECK(inbox.uidnext == 6);
    CHECK(inbox.highest_modseq == 9);
    CHECK(inbox.messages.size() == 3);
    CHECK(c.cache.mailboxes.count("Gone") == 0);
}
