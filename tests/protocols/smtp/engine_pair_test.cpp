// Our client against our server, linked in memory by EnginePair.
#include <catch2/catch.hpp>

#include "protocols/core/engine_pair.hpp"
#include "protocols/smtp/client_session.hpp"
#include "protocols/smtp/server_session.hpp"
#include "tests/protocols/smtp/memory_backend.hpp"

using namespace maillab::protocols::smtp;
using namespace maillab::protocols::smtp::test;
using maillab::protocols::core::EnginePair;
using maillab::protocols::core::EventKind;

namespace {

ClientJob job(const std::vector<std::string>& recipients) {
    return client_job("alice@example.test", recipients,
                      "Subject: test\r\n\r\n.starts with a dot\nbare LF line\r\n", "laptop.test");
}

// One client/server conversation over EnginePair, run to quiescence.
struct Conversation {
    Conversation(const ServerConfig& config, ClientJob job)
        : server{config, backend}, client{std::move(job)}, pair{client, server} {
        pair.start();
        pair.pump();
    }
    MemoryBackend backend;
    ServerSession server;
    ClientSession client;
    EnginePair pair;
};

}  // namespace

TEST_CASE("EnginePair: plain MX delivery with pipelining and a rejected recipient") {
    Conversation c{mx_config(),
                   job({"bob@example.test", "ghost@example.test", "alice@example.test"})};
    auto& [backend, server, client, pair] = c;
    REQUIRE(client.closed());
    REQUIRE(server.closed());
    const auto& r = client.result();
    REQUIRE(r.pipelined);
    REQUIRE(r.message_status == DeliveryStatus::Delivered);
    REQUIRE(r.recipients[0].status == DeliveryStatus::Delivered);
    REQUIRE(r.recipients[1].status == DeliveryStatus::PermanentFailure);
    REQUIRE(r.recipients[1].reply.enhanced == "5.1.1");
    REQUIRE(r.recipients[2].status == DeliveryStatus::Delivered);
    REQUIRE(backend.accepted.size() == 1);
    const auto& stored = backend.accepted.front();
    REQUIRE(stored.envelope.recipients.size() == 2);
    // The client normalised the bare LF and the server unstuffed the dot.
    REQUIRE(
        stored.message.ends_with("Subject: test\r\n\r\n.starts with a dot\r\nbare LF line\r\n"));
    // MAIL and the three RCPTs travelled in one burst.
    REQUIRE(pair.client_to_server().find(
                "MAIL FROM:<alice@example.test> SIZE=51\r\nRCPT TO:<bob@example.test>\r\n"
                "RCPT TO:<ghost@example.test>\r\nRCPT TO:<alice@example.test>\r\n") !=
            std::string::npos);
}

TEST_CASE("EnginePair: submission with AUTH PLAIN and LOGIN, BDAT") {
    for (auto mechanism : {AuthMechanism::Plain, AuthMechanism::Login}) {
        ClientJob j = job({"someone@far.test"});
        j.auth = ClientCredentials{"alice", "secret", mechanism};
        j.use_chunking = mechanism == AuthMechanism::Login;
        Conversation c{submission_config(false, true), j};
        auto& [backend, server, client, pair] = c;
        REQUIRE(client.result().authenticated);
        REQUIRE(client.result().chunked == (mechanism == AuthMechanism::Login));
        REQUIRE(client.result().message_status == DeliveryStatus::Delivered);
        REQUIRE(backend.accepted.size() == 1);
        REQUIRE(backend.accepted[0].envelope.auth_identity == "alice");
        REQUIRE(backend.accepted[0].message.find("Message-ID: <T1@smtp.example.test>") !=
                std::string::npos);
    }
}

TEST_CASE("EnginePair: wrong password is a permanent failure, nothing stored") {
    ClientJob j = job({"someone@far.test"});
    j.auth = ClientCredentials{"alice", "nope", AuthMechanism::Plain};
    Conversation c{submission_config(false, true), j};
    auto& [backend, server, client, pair] = c;
    REQUIRE(client.closed());
    REQUIRE(client.result().message_status == DeliveryStatus::PermanentFailure);
    REQUIRE(client.result().final_reply.code == 535);
    REQUIRE(backend.accepted.empty());
}

TEST_CASE("EnginePair: HELO fallback against a server that refuses EHLO") {
    auto config = mx_config();
    config.ehlo_enabled = false;
    Conversation c{config, job({"bob@example.test"})};
    auto& [backend, server, client, pair] = c;
    REQUIRE(pair.client_to_server().starts_with(
        "EHLO laptop.test\r\nHELO laptop.test\r\nMAIL FROM:<alice@example.test>\r\n"));
    REQUIRE_FALSE(client.result().pipelined);
    REQUIRE(client.result().message_status == DeliveryStatus::Delivered);
    REQUIRE(backend.accepted.at(0).message.find("with SMTP id") != std::string::npos);
}

TEST_CASE("EnginePair: STARTTLS event sequence, then AUTH after TLS on a public listener") {
    ClientJob j = job({"someone@far.test"});
    j.tls = TlsPolicy::Required;
    j.auth = ClientCredentials{"alice", "secret", AuthMechanism::Plain};
    Conversation c{submission_config(true, false), j};
    auto& [backend, server, client, pair] = c;
    REQUIRE(pair.client_events().back().kind == EventKind::StartTls);
    REQUIRE(pair.server_events().back().kind == EventKind::StartTls);
    REQUIRE_FALSE(client.closed());
    // The TLS decorator would run the handshake here; both sides then continue.
    server.on_tls_established();
    client.on_tls_established();
    pair.pump();
    REQUIRE(client.result().tls);
    REQUIRE(client.result().authenticated);
    REQUIRE(client.result().message_status == DeliveryStatus::Delivered);
    REQUIRE(backend.accepted.at(0).envelope.secure);
    REQUIRE(backend.accepted.at(0).message.find("with ESMTPSA") != std::string::npos);
}

TEST_CASE("EnginePair: relay attempt through an MX is refused for good") {
    Conversation c{mx_config(), job({"victim@elsewhere.test"})};
    auto& [backend, server, client, pair] = c;
    REQUIRE(client.result().message_status == DeliveryStatus::PermanentFailure);
    REQUIRE(client.result().recipients[0].reply.enhanced == "5.7.1");
    REQUIRE(pair.client_to_server().find("DATA") == std::string::npos);
}

TEST_CASE("EnginePair: every event on both sides is explained, credentials never shown") {
    ClientJob j = job({"someone@far.test"});
    j.auth = ClientCredentials{"alice", "secret", AuthMechanism::Login};
    Conversation c{submission_config(false, true), j};
    auto& [backend, server, client, pair] = c;
    REQUIRE(client.result().authenticated);
    for (const auto* events : {&pair.client_events(), &pair.server_events()}) {
        for (const auto& e : *events) {
            INFO(e.text);
            REQUIRE_FALSE(e.why.meaning.empty());
            REQUIRE(e.why.reference.starts_with("RFC "));
            REQUIRE(e.text.find("c2VjcmV0") == std::string::npos);  // base64("secret")
            if (e.kind == EventKind::Command)
                REQUIRE(e.why.meaning.find("not understood") == std::string::npos);
        }
    }
}
