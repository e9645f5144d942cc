// Message files that another program (a delivery agent, a local mail reader)
// adds to or removes from the Maildir reach a session that has the mailbox
// selected: at its next NOOP, and during IDLE at the next poll, with UIDs kept.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "protocols/imap/directory_credentials.hpp"
#include "protocols/imap/server_session.hpp"
#include "tests/protocols/imap/server_fixture.hpp"
#include "tests/protocols/store/store_fixtures.hpp"

using namespace maillab::protocols;
using namespace maillab::protocols::imap;
using maillab::protocols::store::testing::age_maildir;
using maillab::test::contains;
using maillab::test::simple_message;
namespace fs = std::filesystem;

namespace {

fs::path file_holding(const fs::path& maildir, const std::string& text) {
    for (const char* sub : {"new", "cur"}) {
        for (const auto& entry : fs::directory_iterator(maildir / sub)) {
            std::ifstream in(entry.path(), std::ios::binary);
            const std::string bytes{std::istreambuf_iterator<char>(in), {}};
            if (bytes.find(text) != std::string::npos) return entry.path();
        }
    }
    return {};
}

ServerConfig polling_config() {
    ServerConfig config;
    config.plaintext_auth = true;
    config.now = [] { return std::int64_t{1700000000}; };
    config.external_change_poll = std::chrono::seconds{1};
    return config;
}

struct MaildirServer {
    MaildirServer() {
        (void)accounts.add_account("alice", "pw");
        for (const char* s : {"one", "two", "three"})
            REQUIRE(mail.append("alice", "INBOX", simple_message(s), {}, 1700000000));
        age_maildir(inbox);
        session.start();
        session.take_output();
        say("a LOGIN alice pw\r\n");
        REQUIRE(contains(say("b SELECT INBOX\r\n"), "* 3 EXISTS\r\n"));
    }
    std::string say(std::string_view bytes) {
        session.receive(bytes);
        return session.take_output();
    }

    store::testing::TempDir dir;
    store::AccountDirectory accounts;
    store::MaildirStore store{accounts, dir.path()};
    store::MailStore& mail = store;  // the interface, with its default arguments
    fs::path inbox = dir.path() / "alice";
    DirectoryCredentials credentials{accounts};
    ServerSession session{polling_config(), credentials, &store};
};

}  // namespace

TEST_CASE("a message file removed behind the server's back is told at the next NOOP",
          "[imap][server][maildir][external]") {
    MaildirServer s;
    const fs::path two = file_holding(s.inbox, "two");
    REQUIRE(!two.empty());
    fs::remove(two);
    CHECK(s.say("c NOOP\r\n") == "* 2 EXPUNGE\r\nc OK NOOP completed\r\n");
    CHECK(s.say("d UID FETCH 1:* UID\r\n") ==
          "* 1 FETCH (UID 1)\r\n* 2 FETCH (UID 3)\r\nd OK FETCH completed\r\n");
}

TEST_CASE("a message file delivered behind the server's back gets the next UID at NOOP",
          "[imap][server][maildir][external]") {
    MaildirServer s;
    std::ofstream(s.inbox / "new" / "1700000100.external.host", std::ios::binary)
        << simple_message("four");
    // The three from before are still \Recent for this, the first session to see them.
    CHECK(s.say("c NOOP\r\n") == "* 4 EXISTS\r\n* 4 RECENT\r\nc OK NOOP completed\r\n");
    CHECK(s.say("d FETCH 4 UID\r\n") == "* 4 FETCH (UID 4)\r\nd OK FETCH completed\r\n");
}

TEST_CASE("a session in IDLE hears of changes on disk at its next poll",
          "[imap][server][maildir][external][idle]") {
    MaildirServer s;
    CHECK(s.say("c IDLE\r\n") == "+ idling\r\n");
    CHECK(s.session.timeout() == std::chrono::milliseconds{1000});
    s.session.on_timeout();
    CHECK(s.session.take_output().empty());  // nothing changed yet
    fs::remove(file_holding(s.inbox, "one"));
    std::ofstream(s.inbox / "new" / "1700000100.external.host", std::ios::binary)
        << simple_message("four");
    s.session.on_timeout();
    CHECK(s.session.take_output() == "* 1 EXPUNGE\r\n* 3 EXISTS\r\n* 3 RECENT\r\n");
    CHECK(s.say("DONE\r\n") == "c OK IDLE terminated\r\n");
    CHECK(s.session.timeout() == std::chrono::milliseconds{kAutologout});
}

TEST_CASE("polls in IDLE still end in autologout after thirty silent minutes",
          "[imap][server][maildir][external][idle]") {
    MaildirServer s;
    s.say("c IDLE\r\n");
    for (int second = 0; second < 30 * 60 - 1; ++second)
        s.session.on_timeout();
    CHECK_FALSE(s.session.closed());
    s.session.on_timeout();
    CHECK(s.session.closed());
    CHECK(contains(s.session.take_output(), "* BYE Autologout"));
}

TEST_CASE("without a poll interval a session in IDLE waits for autologout only",
          "[imap][server][idle]") {
    maillab::test::StoreFixture f;
    maillab::test::Client c{f};
    c.say("a SELECT INBOX\r\n");
    c.say("b IDLE\r\n");
    CHECK(c.session.timeout() == std::chrono::milliseconds{kAutologout});
}
