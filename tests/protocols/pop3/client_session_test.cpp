// The POP3 client against the POP3 server, linked in memory by EnginePair.
#include "protocols/pop3/client_session.hpp"

#include <catch2/catch.hpp>

#include "protocols/core/engine_pair.hpp"
#include "tests/protocols/pop3/server_harness.hpp"
#include "tests/support/chunking.hpp"

using namespace maillab::test::pop3;
using maillab::protocols::core::EnginePair;

namespace {

ClientOptions alice() {
    ClientOptions o;
    o.user = "alice";
    o.password = "secret";
    return o;
}

std::vector<std::string> uids_of(const MemoryMaildrop& drop) {
    std::vector<std::string> out;
    for (const auto& m : drop.messages("alice"))
        out.push_back(m.uid);
    return out;
}

std::vector<ClientOutcome::Kind> kinds(const std::vector<ClientOutcome>& outcomes) {
    std::vector<ClientOutcome::Kind> out;
    for (const auto& o : outcomes)
        out.push_back(o.kind);
    return out;
}

// One whole conversation of a fresh client with a fresh server.
struct Conversation {
    ClientReport report;
    std::vector<ClientOutcome> outcomes;
    std::string sent;  // client to server
};

Conversation converse(Maildrop& drop, const ServerConfig& config, const ClientOptions& options) {
    ServerSession server{drop, config};
    ClientSession client{options};
    EnginePair pair{client, server};
    pair.start();
    pair.pump();
    return Conversation{client.report(), client.take_outcomes(), pair.client_to_server()};
}

using K = ClientOutcome::Kind;

}  // namespace

TEST_CASE("Client: download and delete removes the messages at QUIT") {
    MemoryMaildrop drop;
    fill(drop);
    const auto uids = uids_of(drop);
    ServerSession server{drop, plain_config()};
    ClientSession client{alice()};
    EnginePair pair{client, server};
    pair.start();
    pair.pump();

    CHECK(client.closed());
    CHECK(server.closed());
    const auto& report = client.report();
    CHECK(report.error.empty());
    CHECK(report.logged_in);
    CHECK(report.committed);
    CHECK(report.downloaded == uids);
    CHECK(report.marked == uids);
    const auto outcomes = client.take_outcomes();
    CHECK(kinds(outcomes) ==
          std::vector<K>{K::Downloaded, K::Marked, K::Downloaded, K::Marked, K::Committed});
    CHECK(outcomes[0].bytes == kMessage1);
    CHECK(outcomes[2].bytes == kMessage2);  // un-stuffed again
    CHECK(drop.messages("alice").empty());
    CHECK(pair.client_to_server() ==
          "CAPA\r\nUSER alice\r\nPASS secret\r\nSTAT\r\nUIDL\r\nRETR 1\r\nDELE 1\r\nRETR 2\r\nDELE "
          "2\r\n"
          "QUIT\r\n");
    for (const auto& e : pair.client_events()) {
        INFO(e.text);
        CHECK_FALSE(e.why.meaning.empty());
    }
}

TEST_CASE("Client: leave on server, then fetch only new messages by UIDL") {
    MemoryMaildrop drop;
    fill(drop);
    ClientOptions keep = alice();
    keep.delete_after_download = false;
    std::set<std::string> known;
    {
        ServerSession server{drop, plain_config()};
        ClientSession client{keep};
        EnginePair pair{client, server};
        pair.start();
        pair.pump();
        CHECK(client.report().committed);
        CHECK(client.report().downloaded.size() == 2);
        CHECK(client.report().marked.empty());
        known.insert(client.report().downloaded.begin(), client.report().downloaded.end());
    }
    CHECK(drop.messages("alice").size() == 2);

    const auto fresh = drop.add_message("alice", "Subject: three\r\n\r\nnew\r\n");
    keep.only_new = true;
    keep.known_uids = known;
    ServerSession server{drop, plain_config()};
    ClientSession client{keep};
    EnginePair pair{client, server};
    pair.start();
    pair.pump();
    CHECK(client.report().downloaded == std::vector<std::string>{fresh});
    CHECK(client.report().server_uids.size() == 3);
    CHECK(pair.client_to_server().find("RETR 3\r\n") != std::string::npos);
    CHECK(pair.client_to_server().find("RETR 1\r\n") == std::string::npos);
    CHECK(drop.messages("alice").size() == 3);
}

TEST_CASE("Client: delete from server after N days deletes only the expired uids") {
    MemoryMaildrop drop;
    fill(drop);
    const auto uids = uids_of(drop);
    ClientOptions o = alice();
    o.delete_after_download = false;
    o.only_new = true;
    o.known_uids = {uids[0], uids[1]};
    o.expired_uids = {uids[0]};  // the device says: older than N days
    const auto run = converse(drop, plain_config(), o);
    CHECK(run.report.downloaded.empty());
    CHECK(run.report.marked == std::vector<std::string>{uids[0]});
    CHECK(run.report.committed);
    CHECK(uids_of(drop) == std::vector<std::string>{uids[1]});
}

TEST_CASE("Client: a dropped connection before QUIT commits nothing") {
    MemoryMaildrop drop;
    fill(drop);
    ServerSession server{drop, plain_config()};
    ClientSession client{alice()};
    server.start();
    // Move bytes by hand and cut the line when the client wants to QUIT.
    for (int round = 0; round < 100; ++round) {
        const std::string to_client = server.take_output();
        if (!to_client.empty()) client.receive(to_client);
        const std::string to_server = client.take_output();
        if (to_server == "QUIT\r\n") break;
        if (!to_server.empty()) server.receive(to_server);
    }
    server.on_peer_closed();
    client.on_peer_closed();
    CHECK(client.report().marked.size() == 2);
    CHECK_FALSE(client.report().committed);
    CHECK(client.report().error == "the server closed before answering QUIT");
    CHECK(kinds(client.take_outcomes()) ==
          std::vector<K>{K::Downloaded, K::Marked, K::Downloaded, K::Marked});
    CHECK(drop.messages("alice").size() == 2);
}

TEST_CASE("Client: APOP and AUTH PLAIN logins") {
    MemoryMaildrop drop;
    fill(drop);
    ServerConfig config = plain_config();
    config.allow_plaintext_auth = false;
    config.tls_active = GENERATE(false, true);
    ClientOptions o = alice();
    o.delete_after_download = false;
    o.login = config.tls_active ? LoginMethod::SaslPlain : LoginMethod::Apop;
    o.tls_active = config.tls_active;
    const auto run = converse(drop, config, o);
    CHECK(run.report.error.empty());
    CHECK(run.report.downloaded.size() == 2);
    const std::string expected = config.tls_active ? "AUTH PLAIN " : "APOP alice ";
    CHECK(run.sent.find(expected) != std::string::npos);
}

TEST_CASE("Client: a wrong password ends with QUIT and an error") {
    MemoryMaildrop drop;
    fill(drop);
    ClientOptions o = alice();
    o.password = "wrong";
    ServerSession server{drop, plain_config()};
    ClientSession client{o};
    EnginePair pair{client, server};
    pair.start();
    pair.pump();
    CHECK(client.closed());
    CHECK_FALSE(client.report().logged_in);
    CHECK_FALSE(client.report().committed);
    CHECK(client.report().error == "login refused: -ERR [AUTH] Authentication failed");
    CHECK(pair.client_to_server().ends_with("QUIT\r\n"));
}

TEST_CASE("Client: [IN-USE] is reported and nothing is downloaded") {
    MemoryMaildrop drop;
    fill(drop);
    auto held = drop.lock("alice");
    const auto run = converse(drop, plain_config(), alice());
    CHECK(run.report.error.find("[IN-USE]") != std::string::npos);
    CHECK(run.report.downloaded.empty());
}

TEST_CASE("Client: STLS when required, with the handshake done by the owner") {
    MemoryMaildrop drop;
    fill(drop);
    ServerConfig config = plain_config();
    config.allow_plaintext_auth = false;
    config.tls_available = true;
    ClientOptions o = alice();
    o.tls = TlsPolicy::Required;
    ServerSession server{drop, config};
    ClientSession client{o};
    EnginePair pair{client, server};
    pair.start();
    pair.pump();
    REQUIRE(server.state() == ServerState::StlsPending);
    REQUIRE_FALSE(client.closed());
    server.on_tls_established();
    client.on_tls_established();
    pair.pump();
    CHECK(client.report().tls_used);
    CHECK(client.report().committed);
    CHECK(drop.messages("alice").empty());
    CHECK(pair.client_to_server().starts_with("CAPA\r\nSTLS\r\nCAPA\r\nUSER alice\r\n"));
}

TEST_CASE("Client: TLS required but not offered means no login at all") {
    MemoryMaildrop drop;
    fill(drop);
    ClientOptions o = alice();
    o.tls = TlsPolicy::Required;
    const auto run = converse(drop, plain_config(), o);
    CHECK(run.report.error == "the server does not offer STLS and TLS is required");
    CHECK(run.sent == "CAPA\r\nQUIT\r\n");
}

TEST_CASE("Client: TLS if offered goes on in plaintext when it is not") {
    MemoryMaildrop drop;
    fill(drop);
    ClientOptions o = alice();
    o.tls = TlsPolicy::IfOffered;
    const auto run = converse(drop, plain_config(), o);
    CHECK_FALSE(run.report.tls_used);
    CHECK(run.report.committed);
}

TEST_CASE("Client: garbage from the server closes the client without QUIT") {
    ClientSession client{alice()};
    client.start();
    client.receive("* OK IMAP4rev1 ready\r\n");
    CHECK(client.closed());
    CHECK(client.take_output().empty());
    CHECK(client.report().error == "the server sent neither +OK nor -ERR");
}

TEST_CASE("Client: the same server bytes under all chunkings give the same client behaviour") {
    MemoryMaildrop drop;
    fill(drop);
    ServerSession server{drop, plain_config()};
    ClientSession recorder{alice()};
    EnginePair pair{recorder, server};
    pair.start();
    pair.pump();
    const std::string server_bytes = pair.server_to_client();

    struct Result {
        std::string output;
        std::vector<std::string> events;
        std::vector<ClientOutcome> outcomes;
        bool operator==(const Result&) const = default;
    };
    const auto results =
        maillab::test::under_all_chunkings<Result>(server_bytes, [](const auto& feed) {
            ClientSession client{alice()};
            client.start();
            Result r;
            feed([&](std::string_view bytes) {
                client.receive(bytes);
                r.output += client.take_output();
            });
            for (const auto& e : client.take_events())
                r.events.push_back(e.text);
            r.outcomes = client.take_outcomes();
            return r;
        });
    for (const auto& r : results)
        CHECK(r == results.front());
    CHECK(results.front().output == pair.client_to_server());
}

namespace {

// A store that cannot read one message (e.g. removed by another program).
class UnreadableMessage : public MemoryMaildrop {
public:
    std::string broken;
    std::optional<std::string> read(std::string_view user, std::string_view uid) override {
        if (uid == broken) return std::nullopt;
        return MemoryMaildrop::read(user, uid);
    }
};

// Feeds the client a whole scripted server conversation and returns what it sent.
std::string replay(ClientSession& client, std::string_view server_bytes) {
    client.start();
    client.receive(server_bytes);
    return client.take_output();
}

}  // namespace

TEST_CASE("Client: a message that cannot be downloaded is never deleted") {
    UnreadableMessage drop;
    fill(drop);
    const auto uids = uids_of(drop);
    drop.broken = uids[0];
    const auto run = converse(drop, plain_config(), alice());
    CHECK(run.report.downloaded == std::vector<std::string>{uids[1]});
    CHECK(run.report.marked == std::vector<std::string>{uids[1]});
    CHECK(run.sent.find("DELE 1\r\n") == std::string::npos);
    CHECK(uids_of(drop) == std::vector<std::string>{uids[0]});
}

TEST_CASE("Client: an RFC 1939-only server without CAPA and UIDL") {
    ClientSession client{alice()};
    const std::string sent = replay(client,
                                    "+OK old server\r\n"
                                    "-ERR unknown command\r\n"  // CAPA
                                    "+OK\r\n"                   // USER
                                    "+OK\r\n"                   // PASS
                                    "+OK 1 8\r\n"               // STAT
                                    "-ERR unknown command\r\n"  // UIDL
                                    "+OK 8 octets\r\nA: b\r\n\r\n.\r\n"
                                    "+OK\r\n"    // DELE
                                    "+OK\r\n");  // QUIT
    CHECK(sent ==
          "CAPA\r\nUSER alice\r\nPASS secret\r\nSTAT\r\nUIDL\r\nRETR 1\r\nDELE 1\r\nQUIT\r\n");
    CHECK(client.report().committed);
    const auto outcomes = client.take_outcomes();
    REQUIRE_FALSE(outcomes.empty());
    CHECK(outcomes.front().bytes == "A: b\r\n\r\n");
}

TEST_CASE("Client: only-new without UIDL stops rather than download twice") {
    ClientOptions o = alice();
    o.only_new = true;
    ClientSession client{o};
    const std::string sent = replay(client,
                                    "+OK old server\r\n-ERR no CAPA\r\n+OK\r\n+OK\r\n"
                                    "+OK 1 8\r\n-ERR no UIDL\r\n+OK\r\n");
    CHECK(sent == "CAPA\r\nUSER alice\r\nPASS secret\r\nSTAT\r\nUIDL\r\nQUIT\r\n");
    CHECK(client.report().error ==
          "the server has no UIDL, so new and old messages cannot be told apart");
    CHECK(client.report().downloaded.empty());
}

TEST_CASE("Client: APOP without a timestamp in the greeting is not attempted") {
    ClientOptions o = alice();
    o.login = LoginMethod::Apop;
    ClientSession client{o};
    const std::string sent = replay(client, "+OK no stamp\r\n+OK\r\n.\r\n");
    CHECK(sent == "CAPA\r\nQUIT\r\n");
    CHECK(client.report().error == "APOP chosen, but the greeting has no timestamp");
}

TEST_CASE("Client: kMaxResponseLineOctets ends a session that floods one line") {
    ClientSession client{alice()};
    client.start();
    client.receive("+OK hi\r\n");
    client.receive(std::string(kMaxResponseLineOctets + 10, 'x') + "\r\n");
    CHECK(client.closed());
    CHECK(client.report().error.find("longer than") != std::string::npos);
}

TEST_CASE("Client: a timeout closes without QUIT") {
    ClientSession client{alice()};
    client.start();
    CHECK(client.timeout() == kClientReplyTimeout);
    client.on_timeout();
    CHECK(client.closed());
    CHECK(client.take_output().empty());
    CHECK_FALSE(client.timeout());
}
