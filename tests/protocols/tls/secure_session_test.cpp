#include "protocols/tls/secure_session.hpp"

#include <catch2/catch.hpp>

#include "protocols/core/engine_pair.hpp"
#include "protocols/core/line_framer.hpp"
#include "protocols/core/session_base.hpp"
#include "tests/protocols/tls/tls_test_support.hpp"

using namespace maillab::protocols::tls;
using maillab::protocols::core::EnginePair;
using maillab::protocols::core::EventKind;
using maillab::protocols::core::LineFramer;
using maillab::protocols::core::ProtocolEvent;
using maillab::protocols::core::SessionBase;
using maillab::test::all_chunkings;
using maillab::test::Chunking;
using maillab::test::lab_credentials;

namespace {

// A tiny line protocol server: "220 hello" greeting, STARTTLS answered with
// "220 go ahead" (then everything buffered is discarded, as RFC 3207 §4
// demands), QUIT closes, any other line is acknowledged with "250 got LINE".
class LineServer : public SessionBase {
public:
    struct Line {
        std::string text;
        bool under_tls = false;
        bool operator==(const Line&) const = default;
    };

    void start() override { send("220 hello\r\n"); }
    void receive(std::string_view bytes) override {
        if (awaiting_tls_) return;
        framer_.feed(bytes);
        while (auto line = framer_.next_line()) {
            lines.push_back({line->text, tls});
            emit(EventKind::Command, line->text);
            if (line->text == "STARTTLS") {
                send("220 go ahead\r\n");
                emit(EventKind::StartTls, "STARTTLS");
                awaiting_tls_ = true;
                framer_.discard_buffered();
                return;
            }
            if (line->text == "QUIT") {
                send("221 bye\r\n");
                mark_closed("QUIT");
                return;
            }
            send("250 got " + line->text + "\r\n");
        }
    }
    void on_tls_established() override {
        awaiting_tls_ = false;
        tls = true;
        emit(EventKind::StateChange, "TLS");
    }
    void on_timeout() override {}
    void on_peer_closed() override {
        peer_closed = true;
        mark_closed("peer closed");
    }
    std::chrono::milliseconds output_delay() const override { return delay; }

    std::vector<Line> lines;
    std::chrono::milliseconds delay{0};
    bool tls = false;
    bool peer_closed = false;

private:
    LineFramer framer_;
    bool awaiting_tls_ = false;
};

// Its client: after the greeting it asks for STARTTLS (or, under implicit
// TLS, goes straight on), sends SECRET once protected, then QUIT.
class LineClient : public SessionBase {
public:
    explicit LineClient(bool use_starttls) : use_starttls_(use_starttls) {}

    void start() override {}
    void receive(std::string_view bytes) override {
        framer_.feed(bytes);
        while (auto line = framer_.next_line()) {
            replies.push_back(line->text);
            emit(EventKind::Reply, line->text);
            if (line->text == "220 hello") {
                send(use_starttls_ ? "STARTTLS\r\n" : "SECRET hunter2\r\n");
            } else if (line->text == "220 go ahead") {
                emit(EventKind::StartTls, "STARTTLS");
                return;
            } else if (line->text.starts_with("250 got SECRET")) {
                send("QUIT\r\n");
            } else if (line->text == "221 bye") {
                mark_closed("done");
            }
        }
    }
    void on_tls_established() override {
        tls = true;
        send("SECRET hunter2\r\n");
    }
    void on_timeout() override {}
    void on_peer_closed() override { mark_closed("peer closed"); }

    std::vector<std::string> replies;
    bool tls = false;

private:
    LineFramer framer_;
    bool use_starttls_;
};

struct Sides {
    LineServer* server_inner = nullptr;
    LineClient* client_inner = nullptr;
    std::unique_ptr<SecureSession> server;
    std::unique_ptr<SecureSession> client;
};

Sides make_sides(TlsMode mode, const CertificateAndKey& credentials) {
    Sides s;
    auto server_inner = std::make_unique<LineServer>();
    auto client_inner = std::make_unique<LineClient>(mode == TlsMode::StartTls);
    s.server_inner = server_inner.get();
    s.client_inner = client_inner.get();
    s.server = std::make_unique<SecureSession>(std::move(server_inner),
                                               TlsContext::server(credentials), mode);
    s.client = std::make_unique<SecureSession>(std::move(client_inner), TlsContext::client(), mode);
    return s;
}

bool has_event(const std::vector<ProtocolEvent>& events, EventKind kind, std::string_view prefix) {
    return std::any_of(events.begin(), events.end(), [&](const ProtocolEvent& e) {
        return e.kind == kind && e.text.starts_with(prefix);
    });
}

using Line = LineServer::Line;

struct WrappedServer {
    LineServer* inner = nullptr;
    std::unique_ptr<SecureSession> session;
};

WrappedServer wrap_server(TlsMode mode) {
    auto inner = std::make_unique<LineServer>();
    WrappedServer out{inner.get(), nullptr};
    out.session = std::make_unique<SecureSession>(std::move(inner),
                                                  TlsContext::server(lab_credentials()), mode);
    return out;
}

// Drives a raw client engine against a server-side SecureSession until the
// handshake is complete.
void handshake(TlsEngine& client, SecureSession& server) {
    for (int round = 0; round < 20 && !client.handshake_complete(); ++round) {
        server.receive(client.take_ciphertext());
        client.feed_ciphertext(server.take_output());
    }
    server.receive(client.take_ciphertext());
}

}  // namespace

TEST_CASE("STARTTLS: the secret crosses the wire only encrypted") {
    auto s = make_sides(TlsMode::StartTls, lab_credentials());
    EnginePair pair{*s.client, *s.server};
    pair.start();
    pair.pump();

    CHECK(s.server_inner->lines ==
          std::vector<Line>{{"STARTTLS", false}, {"SECRET hunter2", true}, {"QUIT", true}});
    CHECK(s.client_inner->replies == std::vector<std::string>{"220 hello", "220 go ahead",
                                                              "250 got SECRET hunter2", "221 bye"});
    CHECK(s.server_inner->tls);
    CHECK(s.client_inner->tls);
    CHECK(s.server->closed());
    CHECK(s.client->closed());

    const std::string& up = pair.client_to_server();
    const std::string& down = pair.server_to_client();
    REQUIRE(up.starts_with("STARTTLS\r\n"));
    CHECK(up.substr(10, 2) == "\x16\x03");  // a TLS handshake record follows
    CHECK(up.find("hunter2") == std::string::npos);
    CHECK(up.find("QUIT") == std::string::npos);
    REQUIRE(down.starts_with("220 hello\r\n220 go ahead\r\n"));
    CHECK(down.find("250 got") == std::string::npos);
    CHECK(down.find("221 bye") == std::string::npos);

    for (const auto* events : {&pair.client_events(), &pair.server_events()}) {
        CHECK(has_event(*events, EventKind::StartTls, "STARTTLS"));
        CHECK(has_event(*events, EventKind::Note, "TLS handshake begins"));
        CHECK(has_event(*events, EventKind::Note, "TLS 1.3 established, TLS_"));
    }
    CHECK(has_event(pair.server_events(), EventKind::StateChange, "TLS"));
    CHECK(has_event(pair.server_events(), EventKind::Close, "QUIT"));
    CHECK(s.server->engine()->close_notify_sent());
    CHECK(s.client->engine()->peer_closed());
}

TEST_CASE("implicit TLS: even the greeting is encrypted") {
    auto s = make_sides(TlsMode::Implicit, lab_credentials());
    EnginePair pair{*s.client, *s.server};
    pair.start();
    pair.pump();
    CHECK(s.server_inner->lines == std::vector<Line>{{"SECRET hunter2", false}, {"QUIT", false}});
    CHECK(s.client_inner->replies ==
          std::vector<std::string>{"220 hello", "250 got SECRET hunter2", "221 bye"});
    CHECK(pair.client_to_server().starts_with("\x16\x03"));
    CHECK(pair.server_to_client().starts_with("\x16\x03"));
    CHECK(pair.server_to_client().find("220 hello") == std::string::npos);
    CHECK(pair.client_to_server().find("hunter2") == std::string::npos);
    // The greeting is the first thing after the handshake note (records aside).
    std::vector<ProtocolEvent> events;
    for (const auto& e : pair.client_events()) {
        if (e.kind != EventKind::TlsRecord) events.push_back(e);
    }
    const auto established = std::find_if(events.begin(), events.end(), [](const auto& e) {
        return e.kind == EventKind::Note && e.text.find("established") != std::string::npos;
    });
    REQUIRE(established != events.end());
    REQUIRE(std::next(established) != events.end());
    CHECK(std::next(established)->text == "220 hello");
    CHECK(s.server->tls_established());
}

TEST_CASE("the inner session's output_delay holds its answer back, now as ciphertext") {
    auto s = make_sides(TlsMode::Implicit, lab_credentials());
    s.server_inner->delay = std::chrono::milliseconds{1500};
    // Before the handshake the inner session has not started: nothing to hold.
    CHECK(s.server->output_delay() == std::chrono::milliseconds{0});
    EnginePair pair{*s.client, *s.server};
    pair.start();
    pair.pump();
    CHECK(s.server->tls_established());
    CHECK(s.server->output_delay() == std::chrono::milliseconds{1500});
}

TEST_CASE("SecureSession gives the same conversation under every chunking") {
    struct Result {
        std::vector<Line> server_lines;
        std::vector<std::string> client_replies;
        std::vector<ProtocolEvent> server_events;
        std::vector<ProtocolEvent> client_events;
        bool operator==(const Result&) const = default;
    };
    const auto credentials = lab_credentials();
    for (const TlsMode mode : {TlsMode::StartTls, TlsMode::Implicit}) {
        std::vector<Result> results;
        for (const Chunking& chunking : all_chunkings()) {
            INFO(chunking.name);
            auto s = make_sides(mode, credentials);
            Result r;
            s.server->start();
            s.client->start();
            for (int round = 0; round < 1000; ++round) {
                const std::string up = s.client->take_output();
                const std::string down = s.server->take_output();
                // TLS records hold fresh random ciphertext each run; the conversation is
                // what must not depend on chunking.
                for (auto& e : s.server->take_events()) {
                    if (e.kind != EventKind::TlsRecord) r.server_events.push_back(std::move(e));
                }
                for (auto& e : s.client->take_events()) {
                    if (e.kind != EventKind::TlsRecord) r.client_events.push_back(std::move(e));
                }
                if (up.empty() && down.empty()) break;
                chunking.feed(up, [&](std::string_view b) { s.server->receive(b); });
                chunking.feed(down, [&](std::string_view b) { s.client->receive(b); });
            }
            r.server_lines = s.server_inner->lines;
            r.client_replies = s.client_inner->replies;
            CHECK(r.client_replies.back() == "221 bye");
            results.push_back(std::move(r));
        }
        for (const auto& r : results)
            CHECK(r == results.front());
    }
}

TEST_CASE("plaintext pipelined behind STARTTLS is never treated as protected") {
    WrappedServer wrapped = wrap_server(TlsMode::StartTls);
    SecureSession& server = *wrapped.session;
    LineServer* server_inner = wrapped.inner;
    server.start();
    CHECK(server.take_output() == "220 hello\r\n");

    // One chunk: the command and an injected command behind it.
    server.receive("STARTTLS\r\nSECRET injected\r\n");
    CHECK(server.take_output() == "220 go ahead\r\n");
    CHECK_FALSE(server.closed());
    REQUIRE(server.engine() != nullptr);
    CHECK_FALSE(server.engine()->failed());  // the injected bytes did not reach TLS

    // A real client now handshakes; only what it sends under TLS arrives.
    TlsEngine client{TlsContext::client()};
    handshake(client, server);
    REQUIRE(client.handshake_complete());
    REQUIRE(server.tls_established());
    client.write_plaintext("NOOP\r\n");
    server.receive(client.take_ciphertext());
    client.feed_ciphertext(server.take_output());
    CHECK(client.take_plaintext() == "250 got NOOP\r\n");
    CHECK(server_inner->lines == std::vector<Line>{{"STARTTLS", false}, {"NOOP", true}});
}

TEST_CASE("a failed handshake closes the session cleanly") {
    SECTION("implicit TLS port receives an HTTP request") {
        WrappedServer wrapped = wrap_server(TlsMode::Implicit);
        SecureSession& server = *wrapped.session;
        LineServer* server_inner = wrapped.inner;
        server.start();
        CHECK(server.take_output().empty());  // waits for ClientHello, says nothing
        server.receive("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        CHECK(server.closed());
        const auto events = server.take_events();
        REQUIRE(!events.empty());
        CHECK(events.back().kind == EventKind::Close);
        CHECK(events.back().text.find("TLS handshake failed") == 0);
        CHECK(events.back().why.reference == "RFC 8446 §6.2");
        CHECK(server.take_output().find("220") == std::string::npos);
        CHECK(server_inner->lines.empty());
        server.receive("more");  // ignored after close
        CHECK(server.take_events().empty());
    }
    SECTION("garbage after STARTTLS") {
        WrappedServer wrapped = wrap_server(TlsMode::StartTls);
        SecureSession& server = *wrapped.session;
        LineServer* server_inner = wrapped.inner;
        server.start();
        server.receive("STARTTLS\r\n");
        server.receive("EHLO again\r\n");
        CHECK(server.closed());
        CHECK(server_inner->peer_closed);
        const std::string out = server.take_output();
        CHECK(out.starts_with("220 hello\r\n220 go ahead\r\n"));
        CHECK(has_event(server.take_events(), EventKind::Close, "TLS handshake failed"));
    }
    SECTION("the client refuses an untrusted certificate") {
        auto s = make_sides(TlsMode::Implicit, lab_credentials());
        const auto other = generate_self_signed("mail.maillab.test", {});
        SecureSession client{std::make_unique<LineClient>(false),
                             TlsContext::client({other.certificate_pem, "mail.maillab.test"}),
                             TlsMode::Implicit};
        EnginePair pair{client, *s.server};
        pair.start();
        pair.pump();
        CHECK(client.closed());
        CHECK(s.server->closed());
        CHECK(has_event(pair.client_events(), EventKind::Close, "TLS handshake failed"));
        CHECK(has_event(pair.server_events(), EventKind::Close, "TLS handshake failed"));
        CHECK(s.server_inner->lines.empty());
    }
}

TEST_CASE("an altered record after the handshake closes the session") {
    WrappedServer wrapped = wrap_server(TlsMode::Implicit);
    SecureSession& server = *wrapped.session;
    LineServer* server_inner = wrapped.inner;
    server.start();
    TlsEngine client{TlsContext::client()};
    handshake(client, server);
    REQUIRE(server.tls_established());
    (void)server.take_events();
    client.write_plaintext("SECRET hunter2\r\n");
    std::string record = client.take_ciphertext();
    record.back() ^= 0x01;
    server.receive(record);
    CHECK(server.closed());
    CHECK(server_inner->lines.empty());
    CHECK(server_inner->peer_closed);
    const auto events = server.take_events();
    REQUIRE(has_event(events, EventKind::Close, "TLS connection failed"));
    CHECK(std::find_if(events.begin(), events.end(), [](const ProtocolEvent& e) {
              return e.kind == EventKind::Close &&
                     e.why.meaning.starts_with("The TLS connection broke");
          }) != events.end());
}

TEST_CASE("a silent client times out during the handshake") {
    WrappedServer wrapped = wrap_server(TlsMode::Implicit);
    SecureSession& server = *wrapped.session;
    server.start();
    REQUIRE(server.timeout() == SecureSession::kHandshakeTimeout);
    server.on_timeout();
    CHECK(server.closed());
    CHECK(has_event(server.take_events(), EventKind::Close, "TLS handshake timed out"));
    CHECK(server.timeout() == std::nullopt);
}

TEST_CASE("the peer closing mid-handshake or after it reaches the inner session") {
    SECTION("mid-handshake") {
        WrappedServer wrapped = wrap_server(TlsMode::Implicit);
        SecureSession& server = *wrapped.session;
        server.start();
        TlsEngine client{TlsContext::client()};
        const std::string hello = client.take_ciphertext();
        server.receive(hello.substr(0, 20));
        server.on_peer_closed();
        CHECK(server.closed());
        CHECK(has_event(server.take_events(), EventKind::Close, "TLS handshake failed"));
    }
    SECTION("after the handshake") {
        WrappedServer wrapped = wrap_server(TlsMode::StartTls);
        SecureSession& server = *wrapped.session;
        LineServer* server_inner = wrapped.inner;
        server.start();
        server.receive("STARTTLS\r\n");
        CHECK(server.take_output() == "220 hello\r\n220 go ahead\r\n");
        TlsEngine client{TlsContext::client()};
        handshake(client, server);
        REQUIRE(server.tls_established());
        CHECK_FALSE(server.closed());
        server.on_peer_closed();
        CHECK(server_inner->peer_closed);
        CHECK(server.closed());
    }
}

TEST_CASE("the record observer shows what a sniffer sees") {
    auto s = make_sides(TlsMode::StartTls, lab_credentials());
    std::vector<TlsRecord> records;
    s.client->set_record_observer([&](const TlsRecord& r) { records.push_back(r); });
    EnginePair pair{*s.client, *s.server};
    pair.start();
    pair.pump();
    std::string sent;
    for (const auto& r : records) {
        if (r.direction == RecordDirection::Sent) sent += r.bytes;
        CHECK(r.bytes.find("hunter2") == std::string::npos);
    }
    const std::string clear = "STARTTLS\r\n";
    CHECK(clear + sent == pair.client_to_server());
    REQUIRE(!records.empty());
    CHECK(records.front().type == ContentType::Handshake);
    CHECK(records.front().direction == RecordDirection::Sent);
    CHECK(std::any_of(records.begin(), records.end(), [](const TlsRecord& r) {
        return r.type == ContentType::ApplicationData && r.direction == RecordDirection::Received;
    }));
}

TEST_CASE("every record a side sends is an event with its bytes, as a sniffer sees them") {
    auto s = make_sides(TlsMode::Implicit, lab_credentials());
    EnginePair pair{*s.client, *s.server};
    pair.start();
    pair.pump();
    std::string recorded;
    for (const auto& e : pair.client_events()) {
        if (e.kind != EventKind::TlsRecord) continue;
        REQUIRE(e.text.size() >= 5);
        CHECK(!e.why.meaning.empty());
        recorded += e.text;
    }
    // The client's records are exactly the bytes it put on the wire, in order.
    CHECK(recorded == pair.client_to_server());
    CHECK(recorded.starts_with("\x16\x03"));  // a handshake record: the ClientHello
    CHECK(recorded.find("hunter2") == std::string::npos);
}
