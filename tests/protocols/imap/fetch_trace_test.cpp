// How a FETCH's responses reach the trace: one event each, or, with
// ServerConfig::traced_fetch_lines (serve), the first ones each and the rest
// counted in one event, while every response is still sent.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/protocols/imap/server_fixture.hpp"

using maillab::protocols::core::EventKind;
using maillab::protocols::core::ProtocolEvent;
using maillab::test::Client;
using maillab::test::simple_message;
using maillab::test::StoreFixture;

namespace {

std::vector<std::string> reply_texts(const std::vector<ProtocolEvent>& events) {
    std::vector<std::string> texts;
    for (const ProtocolEvent& e : events) {
        if (e.kind == EventKind::Reply) texts.push_back(e.text);
    }
    return texts;
}

}  // namespace

TEST_CASE("FETCH traces every response by default", "[imap][server][fetch]") {
    StoreFixture f;
    for (int i = 0; i < 4; ++i)
        f.deliver("INBOX", simple_message("m"));
    Client c{f};
    c.say("s SELECT INBOX\r\n");
    c.session.take_events();
    c.say("a FETCH 1:4 (UID)\r\n");
    CHECK(reply_texts(c.session.take_events()) ==
          std::vector<std::string>{"* 1 FETCH (UID 1)", "* 2 FETCH (UID 2)", "* 3 FETCH (UID 3)",
                                   "* 4 FETCH (UID 4)", "a OK FETCH completed"});
}

TEST_CASE("FETCH with traced_fetch_lines traces the first responses and counts the rest",
          "[imap][server][fetch]") {
    StoreFixture f;
    f.config.traced_fetch_lines = 2;
    for (int i = 0; i < 5; ++i)
        f.deliver("INBOX", simple_message("m"));
    Client c{f};
    c.say("s SELECT INBOX\r\n");
    c.session.take_events();
    // The bytes are the same as without the bound.
    CHECK(c.say("a FETCH 1:5 (UID)\r\n") ==
          "* 1 FETCH (UID 1)\r\n* 2 FETCH (UID 2)\r\n* 3 FETCH (UID 3)\r\n"
          "* 4 FETCH (UID 4)\r\n* 5 FETCH (UID 5)\r\na OK FETCH completed\r\n");
    const std::vector<ProtocolEvent> events = c.session.take_events();
    CHECK(reply_texts(events) ==
          std::vector<std::string>{"* 1 FETCH (UID 1)", "* 2 FETCH (UID 2)",
                                   "3 more FETCH responses (57 octets), not traced one by one",
                                   "a OK FETCH completed"});
    CHECK_FALSE(events.at(2).why.meaning.empty());
    // The bound is per command: the next FETCH starts counting again.
    c.say("b FETCH 1:2 (UID)\r\n");
    CHECK(reply_texts(c.session.take_events()) == std::vector<std::string>{"* 1 FETCH (UID 1)",
                                                                           "* 2 FETCH (UID 2)",
                                                                           "b OK FETCH completed"});
}
