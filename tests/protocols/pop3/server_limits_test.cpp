// Limits and bad input: line lengths, unknown and malformed commands, the
// failed-login limit, the idle timeout, and the chunking property.
#include <catch2/catch.hpp>

#include "protocols/core/base64.hpp"
#include "tests/protocols/pop3/server_harness.hpp"
#include "tests/support/chunking.hpp"

using namespace maillab::test::pop3;
using maillab::protocols::core::encode_base64;

TEST_CASE("kMaxCommandOctets: a longer command line gets -ERR and the session resyncs") {
    MemoryMaildrop drop;
    fill(drop);
    Server s{drop};
    const std::string at_limit = "USER " + std::string(kMaxCommandOctets - 5, 'u');
    const std::string over = "USER " + std::string(kMaxCommandOctets - 4, 'u');
    CHECK(s.talk(at_limit + "\r\n") == "+OK\r\n");
    CHECK(s.talk(over + "\r\n") == "-ERR line too long\r\n");
    CHECK(s.talk("USER alice\r\nPASS secret\r\n") == "+OK\r\n+OK Logged in\r\n");
}

TEST_CASE("kMaxAuthLineOctets: AUTH lines may be longer, up to the framer limit") {
    MemoryMaildrop drop;
    fill(drop);
    Server s{drop};
    // An initial response of 600 octets passes the command limit (it fails
    // only because the credentials are wrong).
    const std::string long_plain =
        encode_base64(std::string{'\0'} + "alice" + '\0' + std::string(440, 'p'));
    REQUIRE(long_plain.size() > kMaxCommandOctets);
    CHECK(s.talk("AUTH PLAIN " + long_plain + "\r\n") == "-ERR [AUTH] Authentication failed\r\n");
    // A line over the framer limit is skipped whole, then the next line works.
    CHECK(s.talk("AUTH PLAIN " + std::string(kMaxAuthLineOctets, 'A') + "\r\nNOOP\r\n") ==
          "-ERR line too long\r\n-ERR not logged in yet\r\n");
    // Also while a SASL response is awaited: the exchange is abandoned.
    CHECK(s.talk("AUTH PLAIN\r\n" + std::string(kMaxAuthLineOctets + 1, 'A') + "\r\n") ==
          "+ \r\n-ERR line too long\r\n");
    CHECK(s.talk("AUTH PLAIN " + encode_base64(std::string{'\0'} + "alice" + '\0' + "secret") +
                 "\r\n") == "+OK Logged in\r\n");
}

TEST_CASE("Unknown commands and malformed lines get -ERR") {
    MemoryMaildrop drop;
    fill(drop);
    Server s{drop};
    CHECK(s.talk("HELO x\r\n") == "-ERR unknown command\r\n");
    CHECK(s.talk("\r\n") == "-ERR bad command\r\n");
    CHECK(s.talk(std::string{"NO\0OP\r\n", 7}) == "-ERR bad command\r\n");
    CHECK(s.talk("RETRIEVE 1\r\n") == "-ERR unknown command\r\n");
    CHECK(s.talk("TOP 1 2 3\r\n") == "-ERR too many arguments\r\n");
    CHECK_FALSE(s.session.closed());
}

TEST_CASE("Bare LF ends a line, as Dovecot accepts it") {
    MemoryMaildrop drop;
    fill(drop);
    Server s{drop};
    CHECK(s.talk("USER alice\nPASS secret\nSTAT\n") ==
          "+OK\r\n+OK Logged in\r\n+OK 2 " + std::to_string(kMessage1.size() + kMessage2.size()) +
              "\r\n");
}

TEST_CASE("kMaxBadCommands: the server hangs up on a client that keeps erring") {
    MemoryMaildrop drop;
    Server s{drop};
    std::string out;
    for (std::size_t i = 0; i + 1 < kMaxBadCommands; ++i)
        out += s.talk("BOGUS\r\n");
    CHECK_FALSE(s.session.closed());
    CHECK(s.talk("BOGUS\r\n") ==
          "-ERR unknown command\r\n-ERR too many bad commands, closing connection\r\n");
    CHECK(s.session.closed());
}

TEST_CASE("Failed logins pipelined in one chunk are held back for the sum of their delays") {
    MemoryMaildrop drop;
    fill(drop);
    Server s{drop, plain_config()};
    s.talk("USER alice\r\nPASS a\r\nUSER alice\r\nPASS b\r\n");
    CHECK(s.session.failed_logins() == 2);
    CHECK(s.session.output_delay() == 3 * kDefaultAuthFailureDelay);
}

TEST_CASE("Failed logins are slowed, then the server disconnects") {
    MemoryMaildrop drop;
    fill(drop);
    ServerConfig config = plain_config();
    config.max_auth_failures = 3;
    Server s{drop, config};
    CHECK(s.talk("USER alice\r\nPASS a\r\n") == "+OK\r\n-ERR [AUTH] Authentication failed\r\n");
    CHECK(s.session.answer_delay() == kDefaultAuthFailureDelay);
    CHECK(s.talk("NOOP\r\n") == "-ERR not logged in yet\r\n");
    CHECK(s.session.answer_delay() == std::chrono::milliseconds{0});
    CHECK(s.talk("USER alice\r\nPASS b\r\n") == "+OK\r\n-ERR [AUTH] Authentication failed\r\n");
    CHECK(s.session.answer_delay() == 2 * kDefaultAuthFailureDelay);
    CHECK_FALSE(s.session.closed());
    CHECK(s.talk("USER alice\r\nPASS c\r\n") ==
          "+OK\r\n-ERR [AUTH] Authentication failed, too many attempts, closing connection\r\n");
    CHECK(s.session.closed());
    CHECK(s.session.failed_logins() == 3);
    // The right password after the limit is never even looked at.
    CHECK(s.talk("USER alice\r\nPASS secret\r\n").empty());
    CHECK_FALSE(drop.is_locked("alice"));
}

TEST_CASE("kMinIdleTimeout: the autologout timer is at least 10 minutes") {
    MemoryMaildrop drop;
    ServerConfig config = plain_config();
    config.idle_timeout = std::chrono::minutes{1};
    Server s{drop, config};
    CHECK(s.session.timeout() == kMinIdleTimeout);
    config.idle_timeout = std::chrono::minutes{30};
    Server t{drop, config};
    CHECK(t.session.timeout() == std::chrono::minutes{30});
    t.session.on_timeout();
    CHECK(t.session.closed());
    CHECK_FALSE(t.session.timeout());
}

namespace {

struct Transcript {
    std::string output;
    std::vector<std::string> events;
    std::vector<std::string> left;

    bool operator==(const Transcript&) const = default;
};

Transcript run_chunked(ServerConfig config,
                       const std::function<void(const maillab::test::Feeder&)>& feed) {
    MemoryMaildrop drop;
    fill(drop);
    ServerSession session{drop, std::move(config)};
    session.start();
    Transcript t;
    feed([&](std::string_view bytes) {
        session.receive(bytes);
        t.output += session.take_output();
    });
    session.on_peer_closed();
    t.output += session.take_output();
    for (const auto& e : session.take_events()) {
        t.events.push_back(std::string{to_string(e.kind)} + ":" + e.text + "|" + e.why.meaning);
    }
    for (const auto& m : drop.messages("alice"))
        t.left.push_back(m.uid);
    return t;
}

}  // namespace

TEST_CASE("The whole server session gives the same output and events under all chunkings") {
    const std::string script =
        "CAPA\r\nUSER alice\r\nPASS wrong\r\nAUTH PLAIN\r\n*\r\nUSER alice\nPASS secret\r\n"
        "STAT\r\nLIST\r\nLIST 2\r\nUIDL\r\nRETR 2\r\nTOP 2 1\r\nDELE 1\r\nRETR 1\r\nBOGUS\r\n" +
        std::string(kMaxAuthLineOctets + 10, 'x') + "\r\nRSET\r\nDELE 2\r\nNOOP\r\nQUIT\r\n";
    const auto results = maillab::test::under_all_chunkings<Transcript>(
        script, [&](const auto& feed) { return run_chunked(plain_config(), feed); });
    for (const auto& r : results)
        CHECK(r == results.front());
    CHECK(results.front().left.size() == 1);
    CHECK(results.front().output.ends_with("(1 messages removed)\r\n"));
}

TEST_CASE("STLS injection is discarded under all chunkings") {
    ServerConfig config = plain_config();
    config.tls_available = true;
    const std::string script = "CAPA\r\nSTLS\r\nUSER alice\r\nPASS secret\r\nDELE 1\r\nQUIT\r\n";
    const auto results = maillab::test::under_all_chunkings<Transcript>(
        script, [&](const auto& feed) { return run_chunked(config, feed); });
    for (const auto& r : results)
        CHECK(r == results.front());
    CHECK(results.front().output.ends_with("+OK Begin TLS negotiation\r\n"));
    CHECK(results.front().left.size() == 2);
}
