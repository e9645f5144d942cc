#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "protocols/core/base64.hpp"
#include "protocols/imap/server_session.hpp"
#include "tests/support/chunking.hpp"

using namespace maillab::protocols;
using namespace maillab::protocols::imap;
using maillab::test::Feeder;

namespace {

class FixedCredentials : public CredentialCheck {
public:
    bool check(std::string_view user, std::string_view password) const override {
        return user == "alice" && password == "s3cret";
    }
};

struct Server {
    explicit Server(ServerConfig config = {.plaintext_auth = true}) : session(config, creds) {
        session.start();
        greeting = session.take_output();
    }
    std::string say(std::string_view bytes) {
        session.receive(bytes);
        return session.take_output();
    }
    FixedCredentials creds;
    ServerSession session;
    std::string greeting;
};

std::string plain(std::string_view authzid, std::string_view user, std::string_view pw) {
    std::string msg{authzid};
    msg += '\0';
    msg += user;
    msg += '\0';
    msg += pw;
    return core::encode_base64(msg);
}

}  // namespace

TEST_CASE("greeting and CAPABILITY depend on TLS and the plaintext policy", "[imap][server]") {
    Server loopback;
    CHECK(loopback.greeting ==
          "* OK [CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE STARTTLS "
          "AUTH=PLAIN] maillab IMAP4rev1 ready\r\n");
    Server exposed{ServerConfig{}};
    CHECK(exposed.say("a CAPABILITY\r\n") ==
          "* CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE STARTTLS "
          "LOGINDISABLED\r\na OK CAPABILITY completed\r\n");
    CHECK(exposed.say("b LOGIN alice s3cret\r\n") ==
          "b NO [PRIVACYREQUIRED] LOGIN is disabled before STARTTLS\r\n");
    CHECK(exposed.say("c AUTHENTICATE PLAIN " + plain("", "alice", "s3cret") + "\r\n") ==
          "c NO [PRIVACYREQUIRED] Authentication needs TLS first\r\n");
    CHECK(exposed.session.state() == ServerState::NotAuthenticated);
}

TEST_CASE("STARTTLS discards pipelined plaintext and enables login", "[imap][server]") {
    Server s{ServerConfig{}};
    CHECK(s.say("a STARTTLS\r\nb LOGIN alice s3cret\r\n") == "a OK Begin TLS negotiation now\r\n");
    const auto events = s.session.take_events();
    CHECK(std::any_of(events.begin(), events.end(),
                      [](const auto& e) { return e.kind == core::EventKind::StartTls; }));
    s.session.on_tls_established();
    CHECK(s.say("c STARTTLS\r\n") == "c BAD TLS is not available on this connection\r\n");
    CHECK(s.say("d LOGIN alice s3cret\r\n").rfind("d OK [CAPABILITY IMAP4rev1", 0) == 0);
    CHECK(s.session.state() == ServerState::Authenticated);
}

TEST_CASE("LOGIN with quoted strings and literals", "[imap][server]") {
    Server s;
    CHECK(s.say("a LOGIN alice wrong\r\n") ==
          "a NO [AUTHENTICATIONFAILED] Authentication failed\r\n");
    CHECK(s.say("b LOGIN {5}\r\n") == "+ OK\r\n");
    CHECK(s.say("alice {6+}\r\ns3cret\r\n") ==
          "b OK [CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE] Logged "
          "in\r\n");
    CHECK(s.session.user() == "alice");
    CHECK(s.say("c LOGIN alice s3cret\r\n") ==
          "c BAD LOGIN is not allowed in the AUTHENTICATED state\r\n");
    for (const auto& e : s.session.take_events())
        CHECK(e.text.find("s3cret") == std::string::npos);
}

TEST_CASE("AUTHENTICATE PLAIN with SASL-IR, with a continuation, and cancelled", "[imap][server]") {
    Server ir;
    CHECK(
        ir.say("a AUTHENTICATE PLAIN " + plain("", "alice", "s3cret") + "\r\n").rfind("a OK", 0) ==
        0);
    for (const auto& e : ir.session.take_events()) {
        CHECK(e.text.find(plain("", "alice", "s3cret")) == std::string::npos);
    }

    Server cont;
    CHECK(cont.say("a AUTHENTICATE PLAIN\r\n") == "+  \r\n");
    CHECK(cont.say(plain("alice", "alice", "s3cret") + "\r\n").rfind("a OK", 0) == 0);

    Server cancel;
    cancel.say("a AUTHENTICATE PLAIN\r\n");
    CHECK(cancel.say("*\r\n") == "a BAD AUTHENTICATE cancelled\r\n");
    CHECK(cancel.say("b NOOP\r\n") == "b OK NOOP completed\r\n");

    Server other;
    CHECK(other.say("a AUTHENTICATE PLAIN " + plain("bob", "alice", "s3cret") + "\r\n") ==
          "a NO [AUTHORIZATIONFAILED] Acting as another user is not allowed\r\n");
    CHECK(other.say("b AUTHENTICATE PLAIN !!!\r\n").rfind("b BAD", 0) == 0);
    CHECK(other.say("c AUTHENTICATE PLAIN\r\n") == "+  \r\n");
    CHECK(other.say("%%%\r\n") == "c BAD Invalid base64 in SASL response\r\n");
    CHECK(other.say("d AUTHENTICATE CRAM-MD5\r\n") ==
          "d NO Unsupported authentication mechanism\r\n");
    CHECK(other.say("e AUTHENTICATE PLAIN " + plain("", "alice", "nope") + "\r\n") ==
          "e NO [AUTHENTICATIONFAILED] Authentication failed\r\n");
}

TEST_CASE("failed logins ask the owner to answer later and later, up to kMaxAuthFailureDelay",
          "[imap][server]") {
    using std::chrono::milliseconds;
    Server s;
    CHECK(s.session.output_delay() == milliseconds{0});
    CHECK(s.say("a LOGIN alice wrong\r\n") ==
          "a NO [AUTHENTICATIONFAILED] Authentication failed\r\n");
    CHECK(s.session.output_delay() == kDefaultAuthFailureDelay);
    CHECK(s.say("b NOOP\r\n") == "b OK NOOP completed\r\n");
    CHECK(s.session.output_delay() == milliseconds{0});
    s.say("c AUTHENTICATE PLAIN " + plain("", "alice", "nope") + "\r\n");
    CHECK(s.session.output_delay() == 2 * kDefaultAuthFailureDelay);
    // Two failures pipelined in one chunk: both waits, one after the other.
    s.say("d LOGIN alice x\r\ne LOGIN alice y\r\n");
    CHECK(s.session.output_delay() == 3 * kDefaultAuthFailureDelay + 4 * kDefaultAuthFailureDelay);
    CHECK(s.session.failed_logins() == 4);
    for (int i = 0; i < 10; ++i)
        s.say("f LOGIN alice z\r\n");
    CHECK(s.session.output_delay() == kMaxAuthFailureDelay);
    // Slowed, not locked out: the right password still logs in, at once.
    CHECK(s.say("g LOGIN alice s3cret\r\n").rfind("g OK", 0) == 0);
    CHECK(s.session.output_delay() == milliseconds{0});
}

TEST_CASE("the failure delay is configurable", "[imap][server]") {
    Server s{
        ServerConfig{.plaintext_auth = true, .auth_failure_delay = std::chrono::milliseconds{300}}};
    s.say("a LOGIN alice wrong\r\n");
    CHECK(s.session.output_delay() == std::chrono::milliseconds{300});
}

TEST_CASE("commands are checked against the connection state", "[imap][server]") {
    Server s;
    CHECK(s.say("a SELECT INBOX\r\n") ==
          "a BAD SELECT is not allowed in the NOT AUTHENTICATED state\r\n");
    CHECK(s.say("b FETCH 1 FLAGS\r\n") ==
          "b BAD FETCH is not allowed in the NOT AUTHENTICATED state\r\n");
    CHECK(s.say("c ID NIL\r\n") == "* ID (\"name\" \"maillab\")\r\nc OK ID completed\r\n");
    s.say("d LOGIN alice s3cret\r\n");
    CHECK(s.say("e UID FETCH 1 FLAGS\r\n") ==
          "e BAD UID FETCH is not allowed in the AUTHENTICATED state\r\n");
    CHECK(s.say("f ENABLE CONDSTORE\r\n") == "* ENABLED\r\nf OK ENABLE completed\r\n");
    CHECK(s.say("g NAMESPACE\r\n") ==
          "* NAMESPACE ((\"\" \"/\")) NIL NIL\r\ng OK NAMESPACE completed\r\n");
    CHECK(s.say("h SELECT INBOX\r\n") ==
          "h NO [UNAVAILABLE] SELECT needs the mailbox store, which is not attached\r\n");
}

TEST_CASE("IDLE waits for DONE", "[imap][server]") {
    Server s;
    s.say("a LOGIN alice s3cret\r\n");
    CHECK(s.say("b IDLE\r\n") == "+ idling\r\n");
    CHECK(s.session.idling());
    CHECK(s.say("done\r\n") == "b OK IDLE terminated\r\n");
    CHECK_FALSE(s.session.idling());
    s.say("c IDLE\r\n");
    CHECK(s.say("d NOOP\r\n") == "c BAD Expected DONE\r\n");
}

TEST_CASE("bad input gets BAD, TOOBIG, or a BYE", "[imap][server]") {
    Server s;
    CHECK(s.say("+x NOOP\r\n") == "* BAD Invalid tag\r\n");
    CHECK(s.say("a FROB\r\n") == "a BAD Unknown command FROB\r\n");
    CHECK(s.say("a LOGIN {4294967296}\r\n") == "a NO [TOOBIG] Literal too big\r\n");
    CHECK(s.say("a NOOP " + std::string(kMaxLineOctets, 'x') + "\r\n") ==
          "a BAD [TOOBIG] Command line too long\r\n");
    CHECK(s.say("b APPEND INBOX {99999999999999999999+}\r\n") ==
          "* BYE [TOOBIG] Literal too big, closing\r\n");
    CHECK(s.session.closed());
}

TEST_CASE("too many consecutive BADs close the connection", "[imap][server]") {
    Server s;
    std::string out;
    for (std::size_t i = 0; i + 1 < kMaxBadCommands; ++i)
        out += s.say("a BOGUS\r\n");
    CHECK_FALSE(s.session.closed());
    CHECK(s.say("a NOOP\r\n") == "a OK NOOP completed\r\n");  // resets the count
    for (std::size_t i = 0; i < kMaxBadCommands; ++i)
        out = s.say("a BOGUS\r\n");
    CHECK(out == "a BAD Unknown command BOGUS\r\n* BYE Too many invalid commands\r\n");
    CHECK(s.session.closed());
    CHECK(s.say("b NOOP\r\n").empty());
}

TEST_CASE("LOGOUT, autologout and a vanished peer", "[imap][server]") {
    Server s;
    CHECK(s.say("a LOGOUT\r\n") == "* BYE Logging out\r\na OK LOGOUT completed\r\n");
    CHECK(s.session.closed());
    CHECK(s.session.state() == ServerState::Logout);

    Server idle;
    CHECK(idle.session.timeout() == std::chrono::milliseconds{kAutologout});
    idle.session.on_timeout();
    CHECK(idle.session.take_output() == "* BYE Autologout; idle for too long\r\n");
    CHECK(idle.session.closed());

    Server gone;
    gone.session.on_peer_closed();
    CHECK(gone.session.closed());
}

TEST_CASE("the server says the same under every chunking", "[imap][server][chunking]") {
    const std::string input =
        "a CAPABILITY\r\nb LOGIN {5}\r\nalice {6+}\r\ns3cret\r\n"
        "c IDLE\r\nDONE\r\nd AUTHENTICATE PLAIN\r\n+x\r\n"
        "e SELECT INBOX\r\nf LOGOUT\r\ng NOOP\r\n";
    using Result = std::pair<std::string, std::vector<core::ProtocolEvent>>;
    const auto results = maillab::test::under_all_chunkings<Result>(
        input, [](const std::function<void(const Feeder&)>& feed_with) {
            FixedCredentials creds;
            ServerSession session{ServerConfig{.plaintext_auth = true}, creds};
            session.start();
            std::string out = session.take_output();
            feed_with([&](std::string_view chunk) {
                session.receive(chunk);
                out += session.take_output();
            });
            return Result{out, session.take_events()};
        });
    for (const auto& r : results)
        CHECK(r == results.front());
    const std::string& out = results.front().first;
    CHECK(out.find("b OK [CAPABILITY") != std::string::npos);
    CHECK(out.find("c OK IDLE terminated") != std::string::npos);
    CHECK(out.find("d BAD AUTHENTICATE is not allowed in the AUTHENTICATED state") !=
          std::string::npos);
    CHECK(out.find("f OK LOGOUT completed") != std::string::npos);
    CHECK(out.find("g OK") == std::string::npos);
    for (const auto& e : results.front().second) {
        INFO(e.text);
        CHECK_FALSE(e.why.reference.empty());
    }
}
