// AUTHORIZATION state: greeting, USER/PASS, APOP, AUTH PLAIN, STLS, CAPA, locks.
#include <catch2/catch.hpp>

#include "protocols/core/base64.hpp"
#include "tests/protocols/pop3/server_harness.hpp"

using namespace maillab::test::pop3;
using maillab::protocols::core::encode_base64;

namespace {

std::string plain_response(const std::string& authzid, const std::string& user,
                           const std::string& pass) {
    return encode_base64(authzid + '\0' + user + '\0' + pass);
}

}  // namespace

TEST_CASE("The greeting is +OK with the APOP timestamp built from the config") {
    MemoryMaildrop drop;
    Server s{drop};
    CHECK(s.greeting == "+OK maillab POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n");
    CHECK(s.session.state() == ServerState::Authorization);

    ServerConfig no_apop = plain_config();
    no_apop.apop = false;
    Server t{drop, no_apop};
    CHECK(t.greeting == "+OK maillab POP3 server ready\r\n");
    CHECK(t.talk("APOP alice c4c9334bac560ecc979e58001b3e22fb\r\n") ==
          "-ERR APOP is not available\r\n");
}

TEST_CASE("USER then PASS logs in and enters TRANSACTION") {
    MemoryMaildrop drop;
    fill(drop);
    Server s{drop};
    CHECK(s.talk("USER alice\r\n") == "+OK\r\n");
    CHECK(s.talk("PASS secret\r\n") == "+OK Logged in\r\n");
    CHECK(s.session.state() == ServerState::Transaction);
    CHECK(s.session.user() == "alice");
    const auto changes = s.events_of(EventKind::StateChange);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].text == "TRANSACTION");
    CHECK(drop.is_locked("alice"));
}

TEST_CASE("Passwords may contain spaces") {
    MemoryMaildrop drop;
    drop.add_user("carol", "two words");
    Server s{drop};
    CHECK(s.talk("USER carol\r\nPASS two words\r\n") == "+OK\r\n+OK Logged in\r\n");
}

TEST_CASE("A wrong password gets -ERR [AUTH] and the session stays in AUTHORIZATION") {
    MemoryMaildrop drop;
    fill(drop);
    Server s{drop};
    CHECK(s.talk("USER alice\r\nPASS wrong\r\n") == "+OK\r\n-ERR [AUTH] Authentication failed\r\n");
    CHECK(s.session.state() == ServerState::Authorization);
    CHECK_FALSE(drop.is_locked("alice"));
    CHECK(s.talk("USER nobody\r\nPASS secret\r\n") ==
          "+OK\r\n-ERR [AUTH] Authentication failed\r\n");
}

TEST_CASE("PASS must follow USER, and each needs its argument") {
    MemoryMaildrop drop;
    fill(drop);
    Server s{drop};
    CHECK(s.talk("PASS secret\r\n") == "-ERR No username given\r\n");
    CHECK(s.talk("USER\r\n") == "-ERR USER needs exactly one argument\r\n");
    CHECK(s.talk("USER alice\r\nPASS\r\n") == "+OK\r\n-ERR PASS needs an argument\r\n");
    // The failed PASS used up the USER.
    CHECK(s.talk("PASS secret\r\n") == "-ERR No username given\r\n");
    CHECK(s.talk("USER alice\r\nAPOP x y\r\nPASS secret\r\n")
              .ends_with("-ERR No username given\r\n"));
}

TEST_CASE("Plaintext logins are refused on an insecure connection unless allowed") {
    MemoryMaildrop drop;
    fill(drop);
    ServerConfig config = plain_config();
    config.allow_plaintext_auth = false;
    Server s{drop, config};
    CHECK(s.talk("USER alice\r\n") ==
          "-ERR [AUTH] Plaintext authentication disallowed on non-secure connections\r\n");
    CHECK(s.talk("AUTH PLAIN " + plain_response("", "alice", "secret") + "\r\n") ==
          "-ERR [AUTH] Plaintext authentication disallowed on non-secure connections\r\n");
    CHECK(s.talk("AUTH\r\n") == "+OK\r\n.\r\n");

    config.tls_active = true;  // implicit TLS, port 995
    Server secure{drop, config};
    CHECK(secure.talk("USER alice\r\nPASS secret\r\n") == "+OK\r\n+OK Logged in\r\n");
}

TEST_CASE("APOP with the RFC 1939 example digest logs in") {
    MemoryMaildrop drop;
    drop.add_user("mrose", "tanstaaf");
    ServerConfig config = plain_config();
    config.allow_plaintext_auth = false;  // APOP sends no password, so it is allowed
    Server s{drop, config};
    CHECK(s.talk("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n") == "+OK Logged in\r\n");
    CHECK(s.session.state() == ServerState::Transaction);
}

TEST_CASE("APOP with a wrong digest, an unknown user or missing arguments fails") {
    MemoryMaildrop drop;
    drop.add_user("mrose", "tanstaaf");
    Server s{drop};
    CHECK(s.talk("APOP mrose c4c9334bac560ecc979e58001b3e22fa\r\n") ==
          "-ERR [AUTH] Authentication failed\r\n");
    CHECK(s.talk("APOP nobody c4c9334bac560ecc979e58001b3e22fb\r\n") ==
          "-ERR [AUTH] Authentication failed\r\n");
    CHECK(s.talk("APOP mrose\r\n") == "-ERR APOP needs a name and a digest\r\n");
    CHECK(s.session.failed_logins() == 2);
}

TEST_CASE("AUTH PLAIN with an initial response logs in") {
    MemoryMaildrop drop;
    fill(drop);
    Server s{drop};
    CHECK(s.talk("AUTH PLAIN " + plain_response("", "alice", "secret") + "\r\n") ==
          "+OK Logged in\r\n");
    CHECK(s.session.state() == ServerState::Transaction);
}

TEST_CASE("AUTH PLAIN without an initial response asks with '+ '") {
    MemoryMaildrop drop;
    fill(drop);
    Server s{drop};
    CHECK(s.talk("auth plain\r\n") == "+ \r\n");
    CHECK(s.talk(plain_response("alice", "alice", "secret") + "\r\n") == "+OK Logged in\r\n");
}

TEST_CASE("AUTH PLAIN: '*' cancels, bad base64 and bad credentials get -ERR") {
    MemoryMaildrop drop;
    fill(drop);
    Server s{drop};
    CHECK(s.talk("AUTH PLAIN\r\n*\r\n") == "+ \r\n-ERR Authentication cancelled\r\n");
    CHECK(s.talk("AUTH PLAIN\r\n!!notbase64!!\r\n") == "+ \r\n-ERR Invalid base64 data\r\n");
    CHECK(s.talk("AUTH PLAIN =\r\n") == "-ERR [AUTH] Authentication failed\r\n");
    CHECK(s.talk("AUTH PLAIN " + plain_response("mallory", "alice", "secret") + "\r\n") ==
          "-ERR [AUTH] Authentication failed\r\n");
    CHECK(s.session.state() == ServerState::Authorization);
    CHECK(s.talk("AUTH LOGIN\r\n") == "-ERR Unsupported authentication mechanism\r\n");
    CHECK(s.talk("AUTH\r\n") == "+OK\r\nPLAIN\r\n.\r\n");
}

TEST_CASE("Response codes LOGIN-DELAY and SYS/TEMP come from the maildrop") {
    MemoryMaildrop drop;
    fill(drop);
    Server s{drop};
    drop.set_auth_override("alice", AuthResult::LoginDelay);
    CHECK(s.talk("USER alice\r\nPASS secret\r\n") ==
          "+OK\r\n-ERR [LOGIN-DELAY] Login delay in effect\r\n");
    drop.set_auth_override("alice", AuthResult::TemporaryFailure);
    CHECK(s.talk("USER alice\r\nPASS secret\r\n") ==
          "+OK\r\n-ERR [SYS/TEMP] Temporary authentication failure\r\n");
    CHECK(s.session.failed_logins() == 0);
}

TEST_CASE("CAPA lists what Dovecot lists, per state and TLS") {
    MemoryMaildrop drop;
    fill(drop);
    const std::string base =
        "+OK Capability list follows\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\n"
        "PIPELINING\r\nAUTH-RESP-CODE\r\n";
    ServerConfig config = plain_config();
    config.allow_plaintext_auth = false;
    SECTION("insecure, no TLS: no way to send a password") {
        Server s{drop, config};
        CHECK(s.talk("CAPA\r\n") == base + ".\r\n");
    }
    SECTION("insecure with TLS available: STLS") {
        config.tls_available = true;
        Server s{drop, config};
        CHECK(s.talk("CAPA\r\n") == base + "STLS\r\n.\r\n");
    }
    SECTION("plaintext allowed: USER and SASL PLAIN") {
        config.allow_plaintext_auth = true;
        config.tls_available = true;
        Server s{drop, config};
        CHECK(s.talk("CAPA\r\n") == base + "STLS\r\nUSER\r\nSASL PLAIN\r\n.\r\n");
    }
    SECTION("implicit TLS: USER and SASL PLAIN, no STLS") {
        config.tls_available = true;
        config.tls_active = true;
        Server s{drop, config};
        CHECK(s.talk("CAPA\r\n") == base + "USER\r\nSASL PLAIN\r\n.\r\n");
    }
    SECTION("TRANSACTION: only the transaction capabilities") {
        config.tls_active = true;
        Server s{drop, config};
        s.login();
        CHECK(s.talk("CAPA\r\n") == base + ".\r\n");
    }
}

TEST_CASE("STLS answers, emits StartTls and discards pipelined plaintext") {
    MemoryMaildrop drop;
    fill(drop);
    ServerConfig config = plain_config();
    config.allow_plaintext_auth = false;
    config.tls_available = true;
    Server s{drop, config};
    s.session.take_events();
    // An attacker appended a command behind STLS before the handshake.
    CHECK(s.talk("STLS\r\nUSER alice\r\nPASS secret\r\n") == "+OK Begin TLS negotiation\r\n");
    CHECK(s.events_of(EventKind::StartTls).size() == 1);
    CHECK(s.session.state() == ServerState::StlsPending);
    CHECK(s.talk("\x16\x03\x01 handshake bytes\r\n").empty());

    s.session.on_tls_established();
    CHECK(s.session.tls_active());
    CHECK(s.session.state() == ServerState::Authorization);
    CHECK(s.talk("CAPA\r\n").find("STLS") == std::string::npos);
    CHECK(s.talk("STLS\r\n") == "-ERR TLS is already active\r\n");
    CHECK(s.talk("USER alice\r\nPASS secret\r\n") == "+OK\r\n+OK Logged in\r\n");
    CHECK(s.talk("STLS\r\n") == "-ERR already logged in\r\n");
}

TEST_CASE("STLS is refused without TLS or with arguments") {
    MemoryMaildrop drop;
    Server s{drop};
    CHECK(s.talk("STLS\r\n") == "-ERR TLS is not available\r\n");
    CHECK(s.talk("STLS now\r\n") == "-ERR STLS takes no arguments\r\n");
    CHECK(s.events_of(EventKind::StartTls).empty());
}

TEST_CASE("Transaction commands are refused before login") {
    MemoryMaildrop drop;
    fill(drop);
    Server s{drop};
    for (const char* cmd :
         {"STAT", "LIST", "RETR 1", "DELE 1", "NOOP", "RSET", "TOP 1 0", "UIDL"}) {
        CHECK(s.talk(std::string{cmd} + "\r\n") == "-ERR not logged in yet\r\n");
    }
    CHECK(s.session.state() == ServerState::Authorization);
}

TEST_CASE("QUIT before login closes without touching the maildrop") {
    MemoryMaildrop drop;
    fill(drop);
    Server s{drop};
    CHECK(s.talk("QUIT\r\n") == "+OK maillab POP3 server signing off\r\n");
    CHECK(s.session.closed());
    CHECK(s.talk("USER alice\r\n").empty());
    CHECK(drop.messages("alice").size() == 2);
}

TEST_CASE("The maildrop is locked during TRANSACTION: a second login gets [IN-USE]") {
    MemoryMaildrop drop;
    fill(drop);
    Server first{drop};
    first.login();
    REQUIRE(first.session.state() == ServerState::Transaction);

    Server second{drop};
    CHECK(second.talk("USER alice\r\nPASS secret\r\n") ==
          "+OK\r\n-ERR [IN-USE] Mailbox is locked by another POP3 session\r\n");
    CHECK(second.session.state() == ServerState::Authorization);
    CHECK(second.session.failed_logins() == 0);

    SECTION("released after QUIT") {
        first.talk("QUIT\r\n");
        CHECK(second.talk("USER alice\r\nPASS secret\r\n") == "+OK\r\n+OK Logged in\r\n");
    }
    SECTION("released after a dropped connection") {
        first.session.on_peer_closed();
        CHECK(second.talk("USER alice\r\nPASS secret\r\n") == "+OK\r\n+OK Logged in\r\n");
    }
    SECTION("released after a timeout") {
        first.session.on_timeout();
        CHECK(second.talk("USER alice\r\nPASS secret\r\n") == "+OK\r\n+OK Logged in\r\n");
    }
    SECTION("other users are not affected") {
        CHECK(second.talk("USER bob\r\nPASS hunter2\r\n") == "+OK\r\n+OK Logged in\r\n");
    }
}
