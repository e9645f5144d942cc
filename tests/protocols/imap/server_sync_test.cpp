// Several sessions on one store: what each is told about the others' changes
// and when (RFC 3501 §5.2, §7.4.1; RFC 2177; RFC 7162).
#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/explanations.hpp"
#include "tests/protocols/imap/server_fixture.hpp"
#include "tests/support/chunking.hpp"

using namespace maillab::protocols;
using namespace maillab::protocols::imap;
using maillab::test::Client;
using maillab::test::contains;
using maillab::test::simple_message;
using maillab::test::StoreFixture;

namespace {

struct TwoDevices {
    // `enable` is sent by the laptop before it selects (ENABLE needs that, RFC 5161 §3.1).
    explicit TwoDevices(const std::string& enable = "") {
        for (const char* s : {"one", "two", "three", "four"})
            f.deliver("INBOX", simple_message(s));
        phone.say("p SELECT INBOX\r\n");
        if (!enable.empty()) enabled = laptop.say("e ENABLE " + enable + "\r\n");
        laptop.say("l SELECT INBOX\r\n");
    }
    std::string enabled;
    StoreFixture f;
    Client phone{f};
    Client laptop{f};
};

}  // namespace

TEST_CASE("a flag set on one device is told to the other at its next command",
          "[imap][server][sync]") {
    TwoDevices d;
    CHECK(d.phone.say("a STORE 2 +FLAGS (\\Seen)\r\n") ==
          "* 2 FETCH (FLAGS (\\Recent \\Seen))\r\na OK STORE completed\r\n");
    CHECK(d.laptop.output().empty());  // nothing while no command is in progress
    CHECK(d.laptop.say("b NOOP\r\n") ==
          "* 2 FETCH (UID 2 FLAGS (\\Seen))\r\nb OK NOOP completed\r\n");
    CHECK(d.laptop.say("c NOOP\r\n") == "c OK NOOP completed\r\n");
    // The phone's own change is not echoed back to it.
    CHECK(d.phone.say("d NOOP\r\n") == "d OK NOOP completed\r\n");
}

TEST_CASE("during IDLE changes are pushed at once", "[imap][server][sync][idle]") {
    TwoDevices d{"CONDSTORE"};
    CHECK(d.laptop.say("a IDLE\r\n") == "+ idling\r\n");
    d.phone.say("b STORE 1 +FLAGS (\\Flagged)\r\n");
    const auto modseq = d.f.mail.messages("alice", "INBOX").value()[0].modseq;
    CHECK(d.laptop.output() ==
          "* 1 FETCH (UID 1 FLAGS (\\Flagged) MODSEQ (" + std::to_string(modseq) + "))\r\n");
    d.f.deliver("INBOX", simple_message("five"));
    CHECK(d.laptop.output() == "* 5 EXISTS\r\n* 1 RECENT\r\n");
    d.phone.say("c STORE 3 +FLAGS.SILENT (\\Deleted)\r\n");
    const auto deleted = d.f.mail.messages("alice", "INBOX").value()[2];
    CHECK(d.laptop.output() == "* 3 FETCH (UID 3 FLAGS (\\Deleted) MODSEQ (" +
                                   std::to_string(deleted.modseq) + "))\r\n");
    d.phone.say("d EXPUNGE\r\n");
    CHECK(d.laptop.output() == "* 3 EXPUNGE\r\n");
    CHECK(d.laptop.say("DONE\r\n") == "a OK IDLE terminated\r\n");
    CHECK(d.laptop.say("e FETCH 3:4 UID\r\n") ==
          "* 3 FETCH (UID 4)\r\n* 4 FETCH (UID 5)\r\ne OK FETCH completed\r\n");
}

TEST_CASE("no EXPUNGE during FETCH, STORE or SEARCH, told at the next command that allows it",
          "[imap][server][sync][expunge]") {
    TwoDevices d;
    d.phone.say("a STORE 2 +FLAGS.SILENT (\\Deleted)\r\nb EXPUNGE\r\n");
    // The laptop still sees message 2 under its old number; its flags are the last known.
    CHECK(d.laptop.say("c FETCH 1:4 UID\r\n") ==
          "* 1 FETCH (UID 1)\r\n* 2 FETCH (UID 2)\r\n* 3 FETCH (UID 3)\r\n* 4 FETCH (UID 4)\r\n"
          "c OK FETCH completed\r\n");
    // Its octets too, kept by the store for the sessions still showing it (RFC 2180 §4.1.1).
    const std::string two = simple_message("two");
    CHECK(d.laptop.say("d FETCH 2 BODY.PEEK[]\r\n") == "* 2 FETCH (BODY[] {" +
                                                           std::to_string(two.size()) + "}\r\n" +
                                                           two + ")\r\nd OK FETCH completed\r\n");
    CHECK(d.laptop.say("e SEARCH ALL\r\n") == "* SEARCH 1 2 3 4\r\ne OK SEARCH completed\r\n");
    CHECK(d.laptop.say("f STORE 4 +FLAGS (\\Answered)\r\n") ==
          "* 4 FETCH (FLAGS (\\Answered))\r\nf OK STORE completed\r\n");
    CHECK(d.laptop.say("g NOOP\r\n") == "* 2 EXPUNGE\r\ng OK NOOP completed\r\n");
    // After the EXPUNGE, every later message moved down by one.
    CHECK(d.laptop.say("h FETCH 2:3 UID\r\n") ==
          "* 2 FETCH (UID 3)\r\n* 3 FETCH (UID 4)\r\nh OK FETCH completed\r\n");
    // The UID forms may carry EXPUNGE (RFC 3501 §6.4.8): told before the answer, which
    // then numbers the messages as they are now.
    d.phone.say("i STORE 1 +FLAGS.SILENT (\\Deleted)\r\nj EXPUNGE\r\n");
    CHECK(d.laptop.say("k UID FETCH 3 UID\r\n") ==
          "* 1 EXPUNGE\r\n* 1 FETCH (UID 3)\r\nk OK FETCH completed\r\n");
}

TEST_CASE("QRESYNC: VANISHED instead of EXPUNGE, SELECT with VANISHED (EARLIER)",
          "[imap][server][sync][qresync]") {
    TwoDevices d{"QRESYNC"};
    const auto uidvalidity = d.f.mail.status("alice", "INBOX").value().uidvalidity;
    const auto modseq = d.f.mail.status("alice", "INBOX").value().highest_modseq;
    CHECK(d.enabled == "* ENABLED QRESYNC\r\ne OK ENABLE completed\r\n");
    d.phone.say(
        "b STORE 1,3 +FLAGS.SILENT (\\Deleted)\r\nc EXPUNGE\r\nd UID STORE 2 +FLAGS (\\Seen)\r\n");
    const auto seen_modseq = d.f.mail.messages("alice", "INBOX").value()[0].modseq;
    CHECK(d.laptop.say("e NOOP\r\n") ==
          "* VANISHED 1,3\r\n* 1 FETCH (UID 2 FLAGS (\\Seen) MODSEQ (" +
              std::to_string(seen_modseq) + "))\r\ne OK NOOP completed\r\n");
    // An offline device resyncs: the store keeps no expunge history, so every UID
    // below UIDNEXT that is gone is reported (limited to the known UIDs when given).
    d.laptop.say("f UNSELECT\r\n");
    CHECK(d.laptop.say("f2 ENABLE QRESYNC\r\n") == "* ENABLED\r\nf2 OK ENABLE completed\r\n");
    const std::string resync =
        d.laptop.say("g SELECT INBOX (QRESYNC (" + std::to_string(uidvalidity) + " " +
                     std::to_string(modseq) + "))\r\n");
    CHECK(contains(resync, "* VANISHED (EARLIER) 1,3\r\n"));
    CHECK(contains(resync, "* 1 FETCH (UID 2 FLAGS (\\Seen) MODSEQ (" +
                               std::to_string(seen_modseq) + "))\r\n"));
    CHECK(!contains(resync, "UID 4 "));  // unchanged since the client's MODSEQ
    CHECK(contains(resync, "g OK [READ-WRITE] SELECT completed\r\n"));
    const std::string known =
        d.laptop.say("h SELECT INBOX (QRESYNC (" + std::to_string(uidvalidity) + " " +
                     std::to_string(seen_modseq) + " 2:4))\r\n");
    CHECK(contains(known, "* OK [CLOSED] Previous closed\r\n"));
    CHECK(contains(known, "* VANISHED (EARLIER) 3\r\n"));
    // A UIDVALIDITY that does not match ignores the parameters (RFC 7162 §3.2.5).
    CHECK(!contains(
        d.laptop.say("i SELECT INBOX (QRESYNC (" + std::to_string(uidvalidity + 1) + " 1))\r\n"),
        "VANISHED"));
    CHECK(d.laptop.say("j UID FETCH 1:* FLAGS (CHANGEDSINCE 1 VANISHED)\r\n") ==
          "* VANISHED (EARLIER) 1,3\r\n"
          "* 1 FETCH (UID 2 FLAGS (\\Seen) MODSEQ (" +
              std::to_string(seen_modseq) +
              "))\r\n"
              "* 2 FETCH (UID 4 FLAGS () MODSEQ (" +
              std::to_string(d.f.mail.messages("alice", "INBOX").value()[1].modseq) +
              "))\r\nj OK FETCH completed\r\n");
    CHECK(d.laptop.say("k FETCH 1:* FLAGS (CHANGEDSINCE " + std::to_string(seen_modseq) +
                       ")\r\n") == "k OK FETCH completed\r\n");
}

TEST_CASE("a mailbox deleted under a session ends it with BYE", "[imap][server][sync]") {
    StoreFixture f;
    Client a{f};
    Client b{f};
    a.say("a CREATE Work\r\n");
    b.say("b SELECT Work\r\n");
    a.say("c DELETE Work\r\n");
    CHECK(contains(b.output(), "* BYE The selected mailbox was deleted\r\n"));
    CHECK(b.session.closed());
}

TEST_CASE("a whole session script gives the same bytes under every chunking",
          "[imap][server][chunking]") {
    const std::string msg = simple_message("chunked");
    const std::string script =
        "a LOGIN alice pw\r\n"
        "b ENABLE QRESYNC\r\n"
        "c APPEND INBOX (\\Flagged) {" +
        std::to_string(msg.size()) + "}\r\n" + msg +
        "\r\n"
        "d SELECT INBOX\r\n"
        "e FETCH 1:* (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER])\r\n"
        "f UID SEARCH RETURN (ALL COUNT) FLAGGED\r\n"
        "g STORE 1 +FLAGS (\\Deleted)\r\n"
        "h UID COPY 1 Trash\r\n"
        "i APPEND Drafts {3+}\r\nabc\r\n"
        "j EXPUNGE\r\n"
        "k LIST \"\" * RETURN (STATUS (MESSAGES))\r\n"
        "l IDLE\r\nDONE\r\n"
        "m LOGOUT\r\n";
    const auto run = [&](const std::function<void(const maillab::test::Feeder&)>& feed) {
        StoreFixture f;
        ServerSession s{f.config, f.credentials, &f.store};
        s.start();
        std::string out;
        feed([&](std::string_view bytes) {
            s.receive(bytes);
            out += s.take_output();
        });
        return out;
    };
    const auto results = maillab::test::under_all_chunkings<std::string>(script, run);
    for (const std::string& r : results)
        CHECK(r == results.front());
    CHECK(contains(results.front(), "h OK [COPYUID"));
    CHECK(contains(results.front(), "* VANISHED 1\r\n"));
    CHECK(contains(results.front(), "m OK LOGOUT completed\r\n"));
}

TEST_CASE("every server reply carries an explanation", "[imap][server][explanations]") {
    TwoDevices d{"QRESYNC"};
    d.laptop.session.take_events();
    d.laptop.say("b GETQUOTAROOT INBOX\r\nc UID SEARCH RETURN (MIN) ALL\r\n");
    d.phone.say(
        "x STORE 1 +FLAGS (\\Seen)\r\ny STORE 2 +FLAGS.SILENT (\\Deleted)\r\nz EXPUNGE\r\n");
    d.laptop.say("e NOOP\r\nf UID MOVE 3 Trash\r\ng APPEND INBOX {1+}\r\nx\r\n");
    std::size_t replies = 0;
    for (const auto& event : d.laptop.session.take_events()) {
        INFO(event.text);
        CHECK(!event.why.meaning.empty());
        CHECK(event.why.meaning.find("does not describe") == std::string::npos);
        CHECK(event.why.reference.rfind("RFC ", 0) == 0);
        if (event.kind == maillab::protocols::core::EventKind::Reply) ++replies;
    }
    CHECK(replies > 10);
}

TEST_CASE("a large mailbox: every command stays linear", "[.][imap][server][large]") {
    StoreFixture f;
    constexpr int kMessages = 20000;
    for (int i = 0; i < kMessages; ++i)
        f.deliver("INBOX", simple_message("m"));
    Client a{f};
    Client b{f};
    a.say("a SELECT INBOX\r\n");
    b.say("b SELECT INBOX\r\n");
    CHECK(contains(a.say("c FETCH 1:* (FLAGS UID)\r\n"), "c OK FETCH completed"));
    CHECK(contains(a.say("d STORE 1:* +FLAGS.SILENT (\\Seen)\r\n"), "d OK"));
    CHECK(contains(a.say("e SEARCH UNSEEN\r\n"), "* SEARCH\r\n"));
    const std::string told = b.say("f NOOP\r\n");
    CHECK(contains(told, "* " + std::to_string(kMessages) + " FETCH"));
}
