// TRANSACTION and UPDATE states: every command with and without arguments,
// the UPDATE rule, the session snapshot and UIDL stability.
#include <catch2/catch.hpp>

#include "tests/protocols/pop3/server_harness.hpp"

using namespace maillab::test::pop3;

namespace {

const std::string kSize1 = std::to_string(kMessage1.size());
const std::string kSize2 = std::to_string(kMessage2.size());
const std::string kTotal = std::to_string(kMessage1.size() + kMessage2.size());

struct LoggedIn {
    LoggedIn() : s{drop} {
        fill(drop);
        for (const auto& m : drop.messages("alice"))
            uids.push_back(m.uid);
        s.login();
        s.session.take_events();
    }
    MemoryMaildrop drop;
    std::vector<std::string> uids;
    Server s;
};

}  // namespace

TEST_CASE("STAT counts messages and octets") {
    LoggedIn t;
    CHECK(t.s.talk("STAT\r\n") == "+OK 2 " + kTotal + "\r\n");
}

TEST_CASE("LIST with and without an argument") {
    LoggedIn t;
    CHECK(t.s.talk("LIST\r\n") == "+OK 2 messages (" + kTotal + " octets)\r\n1 " + kSize1 +
                                      "\r\n2 " + kSize2 + "\r\n.\r\n");
    CHECK(t.s.talk("LIST 2\r\n") == "+OK 2 " + kSize2 + "\r\n");
    CHECK(t.s.talk("LIST 3\r\n") == "-ERR no such message\r\n");
    CHECK(t.s.talk("LIST 0\r\n") == "-ERR no such message\r\n");
    CHECK(t.s.talk("LIST one\r\n") == "-ERR no such message\r\n");
    CHECK(t.s.talk("LIST -1\r\n") == "-ERR no such message\r\n");
    CHECK(t.s.talk("LIST 99999999999999999999\r\n") == "-ERR no such message\r\n");
    CHECK(t.s.talk("LIST 1 2\r\n") == "-ERR LIST takes at most one argument\r\n");
}

TEST_CASE("UIDL with and without an argument") {
    LoggedIn t;
    CHECK(t.s.talk("UIDL\r\n") == "+OK\r\n1 " + t.uids[0] + "\r\n2 " + t.uids[1] + "\r\n.\r\n");
    CHECK(t.s.talk("UIDL 1\r\n") == "+OK 1 " + t.uids[0] + "\r\n");
    CHECK(t.s.talk("UIDL 5\r\n") == "-ERR no such message\r\n");
    CHECK(t.s.talk("UIDL 1 2\r\n") == "-ERR UIDL takes at most one argument\r\n");
}

TEST_CASE("RETR sends the message byte-stuffed and terminated") {
    LoggedIn t;
    CHECK(t.s.talk("RETR 1\r\n") == "+OK " + kSize1 + " octets\r\n" + kMessage1 + ".\r\n");
    // ".hidden dot" and "." inside the message get an extra dot.
    CHECK(t.s.talk("RETR 2\r\n") == "+OK " + kSize2 +
                                        " octets\r\nFrom: b@x.test\r\nSubject: two\r\n\r\n"
                                        "line 1\r\n..hidden dot\r\n..\r\nline 4\r\n.\r\n");
    CHECK(t.s.talk("RETR\r\n") == "-ERR RETR needs a message number\r\n");
    CHECK(t.s.talk("RETR 3\r\n") == "-ERR no such message\r\n");
    const auto replies = t.s.events_of(EventKind::Reply);
    REQUIRE(replies.size() == 4);
    CHECK(replies[0].why.reference == "RFC 1939 §5");
}

TEST_CASE("TOP sends the headers and 0 or n body lines") {
    LoggedIn t;
    CHECK(t.s.talk("TOP 2 0\r\n") == "+OK\r\nFrom: b@x.test\r\nSubject: two\r\n\r\n.\r\n");
    CHECK(t.s.talk("TOP 2 2\r\n") ==
          "+OK\r\nFrom: b@x.test\r\nSubject: two\r\n\r\nline 1\r\n..hidden dot\r\n.\r\n");
    CHECK(t.s.talk("TOP 1 100\r\n") == "+OK\r\n" + kMessage1 + ".\r\n");
    CHECK(t.s.talk("TOP 2\r\n") == "-ERR TOP needs a message number and a line count\r\n");
    CHECK(t.s.talk("TOP 2 x\r\n") == "-ERR invalid line count\r\n");
    CHECK(t.s.talk("TOP 9 1\r\n") == "-ERR no such message\r\n");
}

TEST_CASE("DELE marks, marked messages are invisible until RSET") {
    LoggedIn t;
    CHECK(t.s.talk("DELE 1\r\n") == "+OK message 1 deleted\r\n");
    const auto replies = t.s.events_of(EventKind::Reply);
    REQUIRE(replies.size() == 1);
    CHECK(replies[0].why.meaning == "DELE only marks message 1; it is removed when you QUIT");
    CHECK(replies[0].why.reference == "RFC 1939 §6");

    CHECK(t.s.talk("DELE 1\r\n") == "-ERR message 1 already deleted\r\n");
    CHECK(t.s.talk("RETR 1\r\n") == "-ERR message 1 already deleted\r\n");
    CHECK(t.s.talk("TOP 1 0\r\n") == "-ERR message 1 already deleted\r\n");
    CHECK(t.s.talk("LIST 1\r\n") == "-ERR message 1 already deleted\r\n");
    CHECK(t.s.talk("UIDL 1\r\n") == "-ERR message 1 already deleted\r\n");
    CHECK(t.s.talk("STAT\r\n") == "+OK 1 " + kSize2 + "\r\n");
    CHECK(t.s.talk("LIST\r\n") ==
          "+OK 1 messages (" + kSize2 + " octets)\r\n2 " + kSize2 + "\r\n.\r\n");
    CHECK(t.s.talk("UIDL\r\n") == "+OK\r\n2 " + t.uids[1] + "\r\n.\r\n");
    CHECK(t.s.talk("DELE\r\n") == "-ERR DELE needs a message number\r\n");
    // Nothing is removed yet.
    CHECK(t.drop.messages("alice").size() == 2);

    CHECK(t.s.talk("RSET\r\n") == "+OK maildrop has 2 messages (" + kTotal + " octets)\r\n");
    CHECK(t.s.talk("STAT\r\n") == "+OK 2 " + kTotal + "\r\n");
    CHECK(t.s.talk("NOOP\r\n") == "+OK\r\n");
}

TEST_CASE("UPDATE rule: DELE then QUIT removes the marked messages") {
    LoggedIn t;
    t.s.talk("DELE 1\r\n");
    CHECK(t.s.talk("QUIT\r\n") == "+OK maillab POP3 server signing off (1 messages removed)\r\n");
    CHECK(t.s.session.closed());
    CHECK(t.s.session.state() == ServerState::Closed);
    const auto left = t.drop.messages("alice");
    REQUIRE(left.size() == 1);
    CHECK(left[0].uid == t.uids[1]);
    CHECK_FALSE(t.drop.is_locked("alice"));
    std::vector<std::string> changes;
    for (const auto& e : t.s.events_of(EventKind::StateChange))
        changes.push_back(e.text);
    CHECK(changes == std::vector<std::string>{"UPDATE"});
}

TEST_CASE("UPDATE rule: DELE then a dropped connection keeps everything") {
    LoggedIn t;
    t.s.talk("DELE 1\r\nDELE 2\r\n");
    t.s.session.on_peer_closed();
    CHECK(t.s.session.closed());
    CHECK(t.drop.messages("alice").size() == 2);
    CHECK_FALSE(t.drop.is_locked("alice"));
}

TEST_CASE("UPDATE rule: DELE then a timeout keeps everything and sends nothing") {
    LoggedIn t;
    t.s.talk("DELE 1\r\n");
    t.s.session.on_timeout();
    CHECK(t.s.session.take_output().empty());
    CHECK(t.s.session.closed());
    CHECK(t.drop.messages("alice").size() == 2);
    const auto closes = t.s.events_of(EventKind::Close);
    REQUIRE(closes.size() == 1);
    CHECK(closes[0].text == "idle timeout");
}

TEST_CASE("UPDATE rule: RSET unmarks, so QUIT removes nothing") {
    LoggedIn t;
    t.s.talk("DELE 1\r\nRSET\r\n");
    CHECK(t.s.talk("QUIT\r\n") == "+OK maillab POP3 server signing off (0 messages removed)\r\n");
    CHECK(t.drop.messages("alice").size() == 2);
}

TEST_CASE("Messages are numbered by the snapshot taken at login") {
    LoggedIn t;
    t.drop.add_message("alice", "Subject: late\r\n\r\nnew\r\n");
    CHECK(t.s.talk("STAT\r\n") == "+OK 2 " + kTotal + "\r\n");
    CHECK(t.s.talk("RETR 3\r\n") == "-ERR no such message\r\n");
}

TEST_CASE("A message removed from the store under the session gives -ERR [SYS/TEMP]") {
    LoggedIn t;
    t.drop.remove("alice", {t.uids[0]});
    CHECK(t.s.talk("RETR 1\r\n") == "-ERR [SYS/TEMP] message could not be read\r\n");
    CHECK(t.s.talk("RETR 2\r\n").starts_with("+OK"));
}

TEST_CASE("UIDL ids are stable across sessions while numbers change") {
    MemoryMaildrop drop;
    fill(drop);
    std::string first_listing;
    {
        Server s{drop};
        s.login();
        first_listing = s.talk("UIDL\r\n");
        s.talk("DELE 1\r\nQUIT\r\n");
    }
    const auto uid2 = drop.messages("alice").at(0).uid;
    CHECK(first_listing.find("2 " + uid2 + "\r\n") != std::string::npos);
    Server s{drop};
    s.login();
    CHECK(s.talk("UIDL\r\n") == "+OK\r\n1 " + uid2 + "\r\n.\r\n");
    CHECK(s.talk("UIDL 1\r\n") == "+OK 1 " + uid2 + "\r\n");
}

TEST_CASE("Authorization commands are refused in TRANSACTION") {
    LoggedIn t;
    CHECK(t.s.talk("USER alice\r\n") == "-ERR already logged in\r\n");
    CHECK(t.s.talk("PASS secret\r\n") == "-ERR already logged in\r\n");
    CHECK(t.s.talk("APOP a b\r\n") == "-ERR already logged in\r\n");
    CHECK(t.s.talk("AUTH PLAIN\r\n") == "-ERR already logged in\r\n");
    CHECK(t.s.session.state() == ServerState::Transaction);
}

TEST_CASE("Pipelined commands are answered in order") {
    LoggedIn t;
    CHECK(t.s.talk("STAT\r\nLIST 1\r\nNOOP\r\n") ==
          "+OK 2 " + kTotal + "\r\n+OK 1 " + kSize1 + "\r\n+OK\r\n");
}

TEST_CASE("Every command and reply event carries an explanation") {
    LoggedIn t;
    t.s.talk(
        "STAT\r\nLIST\r\nUIDL 1\r\nRETR 1\r\nTOP 1 0\r\nDELE 2\r\nRSET\r\nNOOP\r\nXYZ\r\n"
        "QUIT\r\n");
    const auto events = t.s.session.take_events();
    REQUIRE(events.size() > 20);
    for (const auto& e : events) {
        INFO(e.text);
        CHECK_FALSE(e.why.meaning.empty());
        CHECK(e.why.reference.starts_with("RFC "));
    }
}
