// IMAP client against a scripted server: login paths, TLS policy and the
// resync of the cache (from empty, CONDSTORE, QRESYNC, UIDVALIDITY change).
#include <catch2/catch.hpp>

#include "tests/protocols/imap/client_test_support.hpp"
#include "tests/support/chunking.hpp"

using namespace maillab::test::imap_client;
using maillab::protocols::core::EventKind;

TEST_CASE("client login: AUTHENTICATE PLAIN with SASL-IR when offered", "[imap][client]") {
    Client c{job()};
    CHECK(log_in(c) == "A4 LOGOUT\r\n");
    CHECK(c.session.report().logged_in);
    CHECK(c.cache.folders == std::vector<std::string>{"INBOX", "Archive"});
    CHECK(c.say("* BYE Logging out\r\nA4 OK Logout completed\r\n").empty());
    CHECK(c.session.closed());
    CHECK(c.session.report().completed);
    CHECK(c.session.report().error.empty());
}

TEST_CASE("client login: CAPABILITY when the greeting has none, then LOGIN", "[imap][client]") {
    Client c{job()};
    CHECK(c.say("* OK IMAP ready\r\n") == "A1 CAPABILITY\r\n");
    CHECK(c.say("* CAPABILITY IMAP4rev1 IDLE\r\nA1 OK done\r\n") == "A2 LOGIN user pass\r\n");
    // No [CAPABILITY] in the OK: ask again, it may have changed at login.
    CHECK(c.say("A2 OK Logged in\r\n") == "A3 CAPABILITY\r\n");
    CHECK(c.say("* CAPABILITY IMAP4rev1 IDLE\r\nA3 OK done\r\n") == "A4 LIST \"\" \"*\"\r\n");
}

TEST_CASE("client login: quoted LOGIN credentials", "[imap][client]") {
    ClientJob j = job();
    j.password = "two words";
    Client c{j};
    CHECK(c.say("* OK [CAPABILITY IMAP4rev1] ready\r\n") == "A1 LOGIN user \"two words\"\r\n");
}

TEST_CASE("client login: LOGINDISABLED without SASL-IR uses the continuation", "[imap][client]") {
    Client c{job()};
    CHECK(c.say("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED AUTH=PLAIN] ready\r\n") ==
          "A1 AUTHENTICATE PLAIN\r\n");
    CHECK(c.say("+ \r\n") == std::string{kSaslPlain} + "\r\n");
    CHECK(c.say("A1 OK [CAPABILITY IMAP4rev1] Logged in\r\n") == "A2 LIST \"\" \"*\"\r\n");
}

TEST_CASE("client login: no usable mechanism, or refused: LOGOUT", "[imap][client]") {
    SECTION("LOGINDISABLED and no AUTH=PLAIN") {
        Client c{job()};
        CHECK(c.say("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED] ready\r\n") == "A1 LOGOUT\r\n");
        CHECK(c.session.report().error.find("disables LOGIN") != std::string::npos);
    }
    SECTION("wrong password") {
        Client c{job()};
        c.say("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n");
        CHECK(c.say("A1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n") == "A2 LOGOUT\r\n");
        CHECK(c.say("* BYE bye\r\nA2 OK done\r\n").empty());
        CHECK(c.session.closed());
        CHECK_FALSE(c.session.report().logged_in);
        CHECK_FALSE(c.session.report().completed);
        CHECK(c.session.report().error == "login failed: Authentication failed.");
    }
    SECTION("a BYE greeting") {
        Client c{job()};
        CHECK(c.say("* BYE Too many connections\r\n").empty());
        CHECK(c.session.closed());
        CHECK(c.session.report().error.find("Too many connections") != std::string::npos);
    }
    SECTION("PREAUTH skips the login") {
        Client c{job()};
        CHECK(c.say("* PREAUTH [CAPABILITY IMAP4rev1] welcome\r\n") == "A1 LIST \"\" \"*\"\r\n");
        CHECK(c.session.report().logged_in);
    }
    SECTION("PREAUTH without TLS when TLS is required") {
        ClientJob j = job();
        j.tls = TlsPolicy::Required;
        Client c{j};
        CHECK(c.say("* PREAUTH [CAPABILITY IMAP4rev1] welcome\r\n") == "A1 LOGOUT\r\n");
    }
}

TEST_CASE("client TLS policy", "[imap][client][tls]") {
    SECTION("Required and not offered: no password is ever sent") {
        ClientJob j = job();
        j.tls = TlsPolicy::Required;
        Client c{j};
        const std::string out = c.say("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n");
        CHECK(out == "A1 LOGOUT\r\n");
        CHECK(c.session.report().error == "the server does not offer STARTTLS and TLS is required");
        CHECK(c.say("A1 OK bye\r\n").empty());
        CHECK(c.session.closed());
    }
    SECTION("offered: STARTTLS, then CAPABILITY again, then login") {
        Client c{job()};
        CHECK(c.say("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n") ==
              "A1 STARTTLS\r\n");
        c.session.take_events();
        CHECK(c.say("A1 OK Begin TLS negotiation now.\r\n").empty());
        const auto events = c.session.take_events();
        REQUIRE_FALSE(events.empty());
        CHECK(events.back().kind == EventKind::StartTls);
        CHECK(c.say("handshake bytes").empty());
        c.session.on_tls_established();
        CHECK(c.session.take_output() == "A2 CAPABILITY\r\n");
        CHECK(c.say("* CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN\r\nA2 OK\r\n") ==
              "A3 AUTHENTICATE PLAIN " + std::string{kSaslPlain} + "\r\n");
        CHECK(c.session.report().tls_used);
    }
    SECTION("Never: no STARTTLS even when offered") {
        ClientJob j = job();
        j.tls = TlsPolicy::Never;
        Client c{j};
        CHECK(c.say("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n") == "A1 LOGIN user pass\r\n");
    }
    SECTION("implicit TLS") {
        ClientJob j = job();
        j.tls = TlsPolicy::Required;
        j.tls_active = true;
        Client c{j};
        CHECK(c.say("* OK [CAPABILITY IMAP4rev1] ready\r\n") == "A1 LOGIN user pass\r\n");
        CHECK(c.session.report().tls_used);
    }
    SECTION("STARTTLS refused under IfOffered: go on in plaintext") {
        Client c{job()};
        c.say("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
        CHECK(c.say("A1 NO not now\r\n") == "A2 LOGIN user pass\r\n");
    }
}

namespace {

// The server side of a first sync: two messages in INBOX.
std::string first_sync_script() {
    return "* OK [CAPABILITY " + std::string{kCaps} + "] ready\r\n" + "A1 OK [CAPABILITY " +
           std::string{kCaps} + "] Logged in\r\n" + "* ENABLED QRESYNC\r\nA2 OK Enabled\r\n" +
           kListReply +
           "* FLAGS (\\Seen \\Deleted)\r\n* 2 EXISTS\r\n* OK [UIDVALIDITY 42] UIDs valid\r\n"
           "* OK [UIDNEXT 8] next\r\n* OK [HIGHESTMODSEQ 9] Highest\r\n"
           "A4 OK [READ-WRITE] Select completed\r\n" +
           fetch(1, 3, "\\Seen", 4, message("Lunch on Friday?")) +
           fetch(2, 7, "", 9, message("=?UTF-8?Q?Caf=C3=A9?=")) + "A5 OK Fetch completed\r\n" +
           "* BYE Logging out\r\nA6 OK Logout completed\r\n";
}

}  // namespace

TEST_CASE("client sync from an empty cache", "[imap][client][sync]") {
    Client c{job({task(TaskKind::Sync)})};
    CHECK(log_in(c) == "A4 SELECT INBOX (CONDSTORE)\r\n");
    CHECK(c.say("* FLAGS (\\Seen \\Deleted)\r\n* 2 EXISTS\r\n* OK [UIDVALIDITY 42] UIDs valid\r\n"
                "* OK [UIDNEXT 8] next\r\n* OK [HIGHESTMODSEQ 9] Highest\r\n"
                "A4 OK [READ-WRITE] Select completed\r\n") ==
          "A5 UID FETCH 1:* (UID FLAGS MODSEQ BODY.PEEK[])\r\n");
    c.session.take_events();
    CHECK(c.say(fetch(1, 3, "\\Seen", 4, message("Lunch on Friday?")) +
                fetch(2, 7, "", 9, message("=?UTF-8?Q?Caf=C3=A9?=")) +
                "A5 OK Fetch completed\r\n") == "A6 LOGOUT\r\n");
    CHECK(c.noted("laptop cache: +uid 3 \"Lunch on Friday?\""));
    CHECK(c.say("* BYE Logging out\r\nA6 OK Logout completed\r\n").empty());
    CHECK(c.session.report().completed);

    const MailboxCache& inbox = c.cache.mailboxes.at("INBOX");
    CHECK(inbox.uidvalidity == 42);
    CHECK(inbox.uidnext == 8);
    CHECK(inbox.highest_modseq == 9);
    REQUIRE(inbox.messages.size() == 2);
    CHECK(inbox.messages.at(3).flags == std::vector<std::string>{"\\Seen"});
    CHECK(inbox.messages.at(3).bytes == message("Lunch on Friday?"));
    CHECK(inbox.messages.at(7).subject == "Caf\xC3\xA9");
    CHECK(inbox.messages.at(7).modseq == 9);
    const auto changes = c.session.take_changes();
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].kind == CacheChange::Kind::Added);
    CHECK(changes[0].uid == 3);
    CHECK(changes[0].subject == "Lunch on Friday?");
    CHECK(changes[1].uid == 7);
    CHECK(c.session.take_changes().empty());
}

TEST_CASE("client sync: the same bytes under any chunking", "[imap][client][chunking]") {
    struct Result {
        std::string output;
        std::vector<maillab::protocols::core::ProtocolEvent> events;
        MailboxCache inbox;
        bool operator==(const Result&) const = default;
    };
    const std::string script = first_sync_script();
    const auto results = maillab::test::under_all_chunkings<Result>(
        script, [](const std::function<void(const maillab::test::Feeder&)>& feed) {
            Client c{job({task(TaskKind::Sync)})};
            Result r;
            feed([&](std::string_view chunk) {
                c.session.receive(chunk);
                r.output += c.session.take_output();
            });
            r.events = c.session.take_events();
            r.inbox = c.cache.mailboxes["INBOX"];
            CHECK(c.session.report().completed);
            return r;
        });
    REQUIRE(results[0].inbox.messages.size() == 2);
    CHECK(results[0].output.find("A6 LOGOUT\r\n") != std::string::npos);
    for (const auto& r : results)
        CHECK(r == results[0]);
    // Every command, reply and note explains itself for the student.
    for (const auto& e : results[0].events) {
        INFO(e.text);
        CHECK_FALSE(e.why.meaning.empty());
        CHECK_FALSE(e.why.reference.empty());
        CHECK(e.why.meaning.find("does not describe") == std::string::npos);
    }
}

TEST_CASE("client resync with CONDSTORE: CHANGEDSINCE, UID SEARCH ALL, new mail",
          "[imap][client][sync]") {
    const std::string caps = "IMAP4rev1 SASL-IR AUTH=PLAIN UIDPLUS CONDSTORE";
    Client c{job({task(TaskKind::Sync)}), synced_cache()};
    CHECK(c.say("* OK [CAPABILITY " + caps + "] ready\r\n") ==
          "A1 AUTHENTICATE PLAIN " + std::string{kSaslPlain} + "\r\n");
    CHECK(c.say("A1 OK [CAPABILITY " + caps + "] ok\r\n") == "A2 LIST \"\" \"*\"\r\n");
    CHECK(c.say("* LIST () \"/\" INBOX\r\nA2 OK\r\n") == "A3 SELECT INBOX (CONDSTORE)\r\n");
    CHECK(c.say("* 3 EXISTS\r\n* OK [UIDVALIDITY 42] x\r\n* OK [UIDNEXT 7] x\r\n"
                "* OK [HIGHESTMODSEQ 12] x\r\nA3 OK [READ-WRITE] ok\r\n") ==
          "A4 UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE 9)\r\n");
    CHECK(c.say("* 2 FETCH (UID 5 FLAGS (\\Seen \\Flagged) MODSEQ (11))\r\nA4 OK\r\n") ==
          "A5 UID SEARCH ALL\r\n");
    // uid 3 was expunged by another device; uid 6 is new.
    CHECK(c.say("* SEARCH 4 5 6\r\nA5 OK\r\n") ==
          "A6 UID FETCH 6:* (UID FLAGS MODSEQ BODY.PEEK[])\r\n");
    CHECK(c.say(fetch(3, 6, "", 12, message("New")) + "A6 OK\r\n") == "A7 LOGOUT\r\n");

    const MailboxCache& inbox = c.cache.mailboxes.at("INBOX");
    CHECK(inbox.uidnext == 7);
    CHECK(inbox.highest_modseq == 12);
    CHECK(inbox.messages.count(3) == 0);
    CHECK(inbox.messages.at(5).flags == std::vector<std::string>{"\\Seen", "\\Flagged"});
    CHECK(inbox.messages.at(6).subject == "New");
    const auto changes = c.session.take_changes();
    REQUIRE(changes.size() == 3);
    CHECK(changes[0].kind == CacheChange::Kind::FlagsChanged);
    CHECK(changes[1].kind == CacheChange::Kind::Removed);
    CHECK(changes[1].uid == 3);
    CHECK(changes[2].kind == CacheChange::Kind::Added);
    CHECK(c.cache.folders == std::vector<std::string>{"INBOX"});
}

TEST_CASE("client resync with QRESYNC: VANISHED (EARLIER) and flag changes in SELECT",
          "[imap][client][sync]") {
    Client c{job({task(TaskKind::Sync)}), synced_cache()};
    CHECK(log_in(c) == "A4 SELECT INBOX (QRESYNC (42 9))\r\n");
    CHECK(c.say("* OK [UIDVALIDITY 42] x\r\n* OK [UIDNEXT 6] x\r\n* 2 EXISTS\r\n"
                "* OK [HIGHESTMODSEQ 10] x\r\n* VANISHED (EARLIER) 4\r\n"
                "* 2 FETCH (UID 5 FLAGS (\\Answered) MODSEQ (10))\r\n"
                "A4 OK [READ-WRITE] ok\r\n") == "A5 LOGOUT\r\n");
    const MailboxCache& inbox = c.cache.mailboxes.at("INBOX");
    CHECK(inbox.highest_modseq == 10);
    CHECK(inbox.messages.size() == 2);
    CHECK(inbox.messages.count(4) == 0);
    CHECK(inbox.messages.at(5).flags == std::vector<std::string>{"\\Answered"});
    CHECK(inbox.messages.at(5).modseq == 10);
}

TEST_CASE("client resync: a new UIDVALIDITY drops the mailbox's cache", "[imap][client][sync]") {
    Client c{job({task(TaskKind::Sync)}), synced_cache()};
    CHECK(log_in(c) == "A4 SELECT INBOX (QRESYNC (42 9))\r\n");
    c.session.take_events();
    CHECK(c.say("* 1 EXISTS\r\n* OK [UIDVALIDITY 77] x\r\n* OK [UIDNEXT 2] x\r\n"
                "* OK [HIGHESTMODSEQ 3] x\r\nA4 OK ok\r\n") ==
          "A5 UID FETCH 1:* (UID FLAGS MODSEQ BODY.PEEK[])\r\n");
    CHECK(c.noted("UIDVALIDITY changed from 42 to 77"));
    CHECK(c.say(fetch(1, 1, "", 3, message("Fresh")) + "A5 OK\r\n") == "A6 LOGOUT\r\n");
    const MailboxCache& inbox = c.cache.mailboxes.at("INBOX");
    CHECK(inbox.uidvalidity == 77);
    CHECK(inbox.uidnext == 2);
    REQUIRE(inbox.messages.size() == 1);
    CHECK(inbox.messages.at(1).subject == "Fresh");
    const auto changes = c.session.take_changes();
    REQUIRE(changes.size() == 4);
    CHECK(changes[0].kind == CacheChange::Kind::Removed);
    CHECK(changes[3].kind == CacheChange::Kind::Added);
}

TEST_CASE("client: untagged news at any time updates the cache", "[imap][client][sync]") {
    ClientTask search = task(TaskKind::Search);
    search.criteria = "UNSEEN";
    Client c{job({search, task(TaskKind::Sync)}), synced_cache()};
    CHECK(log_in(c) == "A4 SELECT INBOX (QRESYNC (42 9))\r\n");
    c.session.take_changes();
    CHECK(c.say(unchanged_select("A4")) == "A5 UID SEARCH UNSEEN\r\n");
    // New mail arrives during the search: the client fetches it before going on.
    CHECK(c.say("* 4 EXISTS\r\n* SEARCH\r\nA5 OK\r\n") ==
          "A6 UID FETCH 6:* (UID FLAGS MODSEQ BODY.PEEK[])\r\n");
    CHECK(c.say(fetch(4, 6, "", 10, message("Pushed")) +
                "* 1 FETCH (UID 3 FLAGS (\\Flagged) MODSEQ (11))\r\nA6 OK\r\n") == "A7 LOGOUT\r\n");
    const MailboxCache& inbox = c.cache.mailboxes.at("INBOX");
    CHECK(inbox.messages.at(6).subject == "Pushed");
    CHECK(inbox.messages.at(3).flags == std::vector<std::string>{"\\Flagged"});
    CHECK(inbox.uidnext == 7);
}
