// IMAP client tasks Append (a sent copy, RFC 3501 §6.3.11), Sort and Thread
// (RFC 5256) against a scripted server, with exact bytes.
#include <catch2/catch.hpp>

#include "tests/protocols/imap/client_test_support.hpp"

using namespace maillab::test::imap_client;

namespace {

ClientTask sent_copy(std::string text) {
    ClientTask t = task(TaskKind::Append);
    t.mailbox = "Sent";
    t.flags = {"\\Seen"};
    t.message = std::move(text);
    return t;
}

}  // namespace

TEST_CASE("client task Append: one LITERAL+ command, no SELECT, APPENDUID reported",
          "[imap][client][append]") {
    const std::string msg = message("Hello from the laptop");
    Client c{job({sent_copy(msg)}), synced_cache()};
    CHECK(log_in(c) ==
          "A4 APPEND Sent (\\Seen) {" + std::to_string(msg.size()) + "+}\r\n" + msg + "\r\n");
    CHECK(c.say("A4 OK [APPENDUID 7 12] APPEND completed\r\n") == "A5 LOGOUT\r\n");
    CHECK(c.session.report().appended == std::vector<std::uint32_t>{12});
}

TEST_CASE("client task Append without LITERAL+: the message after the server's \"+\"",
          "[imap][client][append]") {
    const std::string msg = message("Hello");
    Client c{job({sent_copy(msg)}), synced_cache()};
    CHECK(log_in(c, "IMAP4rev1 SASL-IR AUTH=PLAIN ENABLE QRESYNC") ==
          "A4 APPEND Sent (\\Seen) {" + std::to_string(msg.size()) + "}\r\n");
    CHECK(c.say("+ Ready for literal data\r\n") == msg + "\r\n");
    CHECK(c.say("A4 NO [TRYCREATE] No such mailbox\r\n") == "A5 LOGOUT\r\n");
    CHECK(c.session.report().appended.empty());
}

TEST_CASE("client tasks Sort and Thread: UID SORT and UID THREAD REFERENCES reported",
          "[imap][client][thread]") {
    ClientTask sort = task(TaskKind::Sort);
    sort.criteria = "REVERSE DATE";
    Client c{job({sort, task(TaskKind::Thread)}), synced_cache()};
    CHECK(log_in(c) == "A4 SELECT INBOX (QRESYNC (42 9))\r\n");
    CHECK(c.say(unchanged_select("A4")) == "A5 UID SORT (REVERSE DATE) UTF-8 ALL\r\n");
    CHECK(c.say("* SORT 5 3 4\r\nA5 OK Sort completed\r\n") ==
          "A6 UID THREAD REFERENCES UTF-8 ALL\r\n");
    CHECK(c.say("* THREAD (3 (4)(5))\r\nA6 OK Thread completed\r\n") == "A7 LOGOUT\r\n");
    CHECK(c.session.report().sort_results == std::vector<std::uint32_t>{5, 3, 4});
    CHECK(c.session.report().threads == "(3 (4)(5))");
}

TEST_CASE("the client writes a THREAD answer back as the server nested it",
          "[imap][client][thread]") {
    Client c{job({task(TaskKind::Thread)}), synced_cache()};
    log_in(c);
    c.say(unchanged_select("A4"));
    c.say("* THREAD (2)(3 6 (4 23)(44 7 96))\r\nA5 OK Thread completed\r\n");
    CHECK(c.session.report().threads == "(2)(3 6 (4 23)(44 7 96))");
}
