// The client against scripted server replies: what it sends, and the result.
#include "protocols/smtp/client_session.hpp"

#include <catch2/catch.hpp>

#include "protocols/core/base64.hpp"
#include "tests/protocols/smtp/memory_backend.hpp"
#include "tests/support/chunking.hpp"

using namespace maillab::protocols::smtp;
using maillab::protocols::core::EventKind;

namespace {

ClientJob job(std::vector<std::string> recipients = {"bob@example.test"}) {
    return test::client_job("alice@here.test", recipients, "Subject: hi\r\n\r\n.dot line\r\n",
                            "client.test");
}

const char* kEhloFull =
    "250-mx.test\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250-STARTTLS\r\n250-AUTH PLAIN LOGIN\r\n"
    "250-8BITMIME\r\n250-DSN\r\n250 CHUNKING\r\n";

}  // namespace

TEST_CASE("client: plain delivery without pipelining, dot-stuffed DATA") {
    ClientSession c{job()};
    c.start();
    REQUIRE(c.take_output().empty());
    c.receive("220 mx.test ESMTP\r\n");
    REQUIRE(c.take_output() == "EHLO client.test\r\n");
    c.receive("250-mx.test\r\n250 8BITMIME\r\n");
    REQUIRE(c.take_output() == "MAIL FROM:<alice@here.test>\r\n");
    c.receive("250 2.1.0 Ok\r\n");
    REQUIRE(c.take_output() == "RCPT TO:<bob@example.test>\r\n");
    c.receive("250 2.1.5 Ok\r\n");
    REQUIRE(c.take_output() == "DATA\r\n");
    c.receive("354 go\r\n");
    REQUIRE(c.take_output() == "Subject: hi\r\n\r\n..dot line\r\n.\r\n");
    c.receive("250 2.0.0 Ok: queued as Q1\r\n");
    REQUIRE(c.take_output() == "QUIT\r\n");
    REQUIRE_FALSE(c.closed());
    c.receive("221 2.0.0 Bye\r\n");
    REQUIRE(c.closed());
    const auto& r = c.result();
    REQUIRE(r.message_status == DeliveryStatus::Delivered);
    REQUIRE(r.recipients[0].status == DeliveryStatus::Delivered);
    REQUIRE(r.final_reply.text() == "2.0.0 Ok: queued as Q1");
    REQUIRE_FALSE(r.pipelined);
}

TEST_CASE("client: pipelining sends MAIL and all RCPTs in one burst, with parameters") {
    ClientJob j = job({"a@x.test", "b@x.test", "c@x.test"});
    j.envelope.recipients[0].notify.success = true;
    j.envelope.recipients[0].notify.failure = true;
    j.envelope.recipients[1].orcpt = "rfc822;b@x.test";
    j.envelope.body = BodyType::EightBitMime;
    j.envelope.ret = DsnReturn::Headers;
    j.envelope.envid = "E1";
    ClientSession c{j};
    c.start();
    c.receive("220 mx\r\n");
    c.take_output();
    c.receive(kEhloFull);
    REQUIRE(
        c.take_output() ==
        "MAIL FROM:<alice@here.test> SIZE=26 BODY=8BITMIME RET=HDRS ENVID=E1\r\n"
        "RCPT TO:<a@x.test> NOTIFY=SUCCESS,FAILURE\r\nRCPT TO:<b@x.test> ORCPT=rfc822;b@x.test\r\n"
        "RCPT TO:<c@x.test>\r\n");
    c.receive("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n550 5.1.1 no such user\r\n450 4.2.0 try later\r\n");
    REQUIRE(c.take_output() == "DATA\r\n");
    c.receive("354 go\r\n");
    c.take_output();
    c.receive("250 2.0.0 Ok: queued as Q9\r\n221 2.0.0 Bye\r\n");
    REQUIRE(c.closed());
    const auto& r = c.result();
    REQUIRE(r.pipelined);
    REQUIRE(r.recipients[0].status == DeliveryStatus::Delivered);
    REQUIRE(r.recipients[1].status == DeliveryStatus::PermanentFailure);
    REQUIRE(r.recipients[1].reply.enhanced == "5.1.1");
    REQUIRE(r.recipients[2].status == DeliveryStatus::TemporaryFailure);
    REQUIRE(r.message_status == DeliveryStatus::Delivered);
}

TEST_CASE("client: HELO fallback on 500 and 502") {
    for (const char* refusal : {"500 5.5.2 what?\r\n", "502 5.5.1 not implemented\r\n"}) {
        ClientSession c{job()};
        c.start();
        c.receive("220 old.test\r\n");
        c.take_output();
        c.receive(refusal);
        REQUIRE(c.take_output() == "HELO client.test\r\n");
        c.receive("250 old.test\r\n");
        REQUIRE(c.take_output() == "MAIL FROM:<alice@here.test>\r\n");
    }
}

TEST_CASE("client: STARTTLS, then a new EHLO and AUTH PLAIN") {
    ClientJob j = job();
    j.tls = TlsPolicy::Required;
    j.auth = ClientCredentials{"alice", "secret", AuthMechanism::Plain};
    ClientSession c{j};
    c.start();
    c.receive("220 mx\r\n");
    c.take_output();
    c.receive(kEhloFull);
    REQUIRE(c.take_output() == "STARTTLS\r\n");
    c.receive("220 2.0.0 Ready\r\n250 injected\r\n");
    const auto events = c.take_events();
    REQUIRE(events.back().kind == EventKind::StartTls);
    REQUIRE(c.take_output().empty());
    c.on_tls_established();
    REQUIRE(c.take_output() == "EHLO client.test\r\n");
    c.receive(kEhloFull);
    const std::string auth =
        maillab::protocols::core::encode_base64(std::string{"\0alice\0secret", 13});
    REQUIRE(c.take_output() == "AUTH PLAIN " + auth + "\r\n");
    for (const auto& e : c.take_events())
        REQUIRE(e.text.find(auth) == std::string::npos);
    c.receive("235 2.7.0 ok\r\n");
    REQUIRE(c.take_output().starts_with("MAIL FROM:"));
    REQUIRE(c.result().tls);
    REQUIRE(c.result().authenticated);
}

TEST_CASE("client: AUTH LOGIN exchange and a refused password") {
    ClientJob j = job();
    j.auth = ClientCredentials{"alice", "wrong", AuthMechanism::Login};
    ClientSession c{j};
    c.start();
    c.receive("220 mx\r\n");
    c.take_output();
    c.receive("250-mx\r\n250 AUTH LOGIN\r\n");
    REQUIRE(c.take_output() == "AUTH LOGIN\r\n");
    c.receive("334 VXNlcm5hbWU6\r\n");
    REQUIRE(c.take_output() == "YWxpY2U=\r\n");
    c.receive("334 UGFzc3dvcmQ6\r\n");
    REQUIRE(c.take_output() == "d3Jvbmc=\r\n");
    c.receive("535 5.7.8 bad\r\n");
    REQUIRE(c.take_output() == "QUIT\r\n");
    REQUIRE(c.result().recipients[0].status == DeliveryStatus::PermanentFailure);
    REQUIRE(c.result().recipients[0].reply.code == 535);
}

TEST_CASE("client: TLS required but not offered fails temporarily") {
    ClientJob j = job();
    j.tls = TlsPolicy::Required;
    ClientSession c{j};
    c.start();
    c.receive("220 mx\r\n250-mx\r\n250 PIPELINING\r\n");
    REQUIRE(c.take_output() == "EHLO client.test\r\nQUIT\r\n");
    REQUIRE(c.result().recipients[0].status == DeliveryStatus::TemporaryFailure);
}

TEST_CASE("client: opportunistic TLS goes on in plaintext when STARTTLS is refused") {
    ClientJob j = job();
    j.tls = TlsPolicy::IfOffered;
    ClientSession c{j};
    c.start();
    c.receive("220 mx\r\n250-mx\r\n250 STARTTLS\r\n");
    REQUIRE(c.take_output() == "EHLO client.test\r\nSTARTTLS\r\n");
    c.receive("454 4.7.0 TLS not available\r\n");
    REQUIRE(c.take_output() == "MAIL FROM:<alice@here.test>\r\n");
}

TEST_CASE("client: BDAT when CHUNKING is offered and wanted") {
    ClientJob j = job();
    j.use_chunking = true;
    ClientSession c{j};
    c.start();
    c.receive("220 mx\r\n");
    c.take_output();
    c.receive(kEhloFull);
    c.take_output();
    c.receive("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n");
    REQUIRE(c.take_output() == "BDAT 26 LAST\r\nSubject: hi\r\n\r\n.dot line\r\n");
    c.receive("250 2.0.0 Ok\r\n");
    REQUIRE(c.result().chunked);
    REQUIRE(c.result().message_status == DeliveryStatus::Delivered);
}

TEST_CASE("client: connection-level failures make every undecided recipient temporary") {
    SECTION("greeting 554") {
        ClientSession c{job()};
        c.start();
        c.receive("554 5.7.1 go away\r\n");
        REQUIRE(c.take_output() == "QUIT\r\n");
        REQUIRE(c.result().recipients[0].status == DeliveryStatus::TemporaryFailure);
        REQUIRE(c.result().recipients[0].reply.text() == "5.7.1 go away");
    }
    SECTION("421 in the middle") {
        ClientSession c{job({"a@x.test", "b@x.test"})};
        c.start();
        c.receive("220 mx\r\n250-mx\r\n250 PIPELINING\r\n250 2.1.0 Ok\r\n550 5.1.1 no\r\n");
        c.receive("421 4.7.0 too many errors\r\n");
        REQUIRE(c.closed());
        REQUIRE(c.result().recipients[0].status == DeliveryStatus::PermanentFailure);
        REQUIRE(c.result().recipients[1].status == DeliveryStatus::TemporaryFailure);
        REQUIRE(c.result().recipients[1].reply.code == 421);
    }
    SECTION("peer closed after the message was accepted keeps the delivery") {
        ClientSession c{job()};
        c.start();
        c.receive("220 mx\r\n250 mx\r\n250 ok\r\n250 ok\r\n354 go\r\n250 2.0.0 queued\r\n");
        c.on_peer_closed();
        REQUIRE(c.closed());
        REQUIRE(c.result().message_status == DeliveryStatus::Delivered);
    }
    SECTION("peer closed during DATA") {
        ClientSession c{job()};
        c.start();
        c.receive("220 mx\r\n250 mx\r\n250 ok\r\n250 ok\r\n");
        c.on_peer_closed();
        REQUIRE(c.result().recipients[0].status == DeliveryStatus::TemporaryFailure);
        REQUIRE(c.result().error == "connection closed by the server");
    }
    SECTION("timeout") {
        ClientSession c{job()};
        c.start();
        REQUIRE(c.timeout() == kDefaultClientTimeout);
        c.on_timeout();
        REQUIRE(c.closed());
        REQUIRE(c.result().message_status == DeliveryStatus::TemporaryFailure);
        REQUIRE_FALSE(c.timeout());
    }
    SECTION("garbage instead of a reply") {
        ClientSession c{job()};
        c.start();
        c.receive("HTTP/1.1 400 Bad Request\r\n");
        REQUIRE(c.closed());
        REQUIRE(c.result().recipients[0].status == DeliveryStatus::TemporaryFailure);
    }
}

TEST_CASE("client: MAIL refused, or every recipient refused, sends no DATA") {
    {
        ClientSession c{job()};
        c.start();
        c.receive("220 mx\r\n250 mx\r\n");
        c.take_output();
        c.receive("530 5.7.0 Authentication required\r\n");
        REQUIRE(c.take_output() == "QUIT\r\n");
        REQUIRE(c.result().recipients[0].status == DeliveryStatus::PermanentFailure);
        REQUIRE(c.result().message_status == DeliveryStatus::PermanentFailure);
    }
    {
        ClientSession c{job({"a@x.test", "b@x.test"})};
        c.start();
        c.receive("220 mx\r\n250-mx\r\n250 PIPELINING\r\n");
        c.take_output();
        c.receive("250 2.1.0 Ok\r\n550 5.1.1 no\r\n452 4.5.3 too many\r\n");
        REQUIRE(c.take_output() == "QUIT\r\n");
        REQUIRE(c.result().message_status == DeliveryStatus::TemporaryFailure);
    }
}

TEST_CASE("client: the same replies in any chunking give the same conversation") {
    const std::string replies =
        "220 mx\r\n250-mx\r\n250-PIPELINING\r\n250 SIZE 100\r\n250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n"
        "354 go\r\n250 2.0.0 Ok\r\n221 Bye\r\n";
    struct Out {
        std::string sent;
        std::vector<maillab::protocols::core::ProtocolEvent> events;
        bool operator==(const Out&) const = default;
    };
    const auto outs = maillab::test::under_all_chunkings<Out>(replies, [](const auto& feed) {
        ClientSession c{job()};
        c.start();
        Out o;
        feed([&](std::string_view b) {
            c.receive(b);
            o.sent += c.take_output();
        });
        o.events = c.take_events();
        return o;
    });
    for (const auto& o : outs)
        REQUIRE(o == outs.front());
}

TEST_CASE("parse_ehlo_reply") {
    Reply r{250, "", {"mx", "pipelining", "AUTH PLAIN LOGIN XOAUTH2", "SIZE 10", "STARTTLS"}};
    const auto caps = parse_ehlo_reply(r);
    REQUIRE(caps.pipelining);
    REQUIRE(caps.starttls);
    REQUIRE(caps.size);
    REQUIRE_FALSE(caps.chunking);
    REQUIRE(caps.offers_auth("login"));
    REQUIRE(caps.auth_mechanisms.size() == 3);
}
