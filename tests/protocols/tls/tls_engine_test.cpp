#include "protocols/tls/tls_engine.hpp"

#include <openssl/ssl.h>

#include <catch2/catch.hpp>
#include <random>

#include "tests/protocols/tls/tls_test_support.hpp"

using namespace maillab::protocols::tls;
using maillab::test::all_chunkings;
using maillab::test::lab_credentials;
using maillab::test::pump;

namespace {

TlsVersionRange only(TlsVersion v) {
    return {v, v};
}

// What a server engine says about input that is not a proper ClientHello.
std::string server_error_for(const std::string& bytes, bool then_eof = false) {
    TlsEngine server{TlsContext::server(lab_credentials())};
    server.feed_ciphertext(bytes);
    if (then_eof) server.feed_eof();
    CHECK_FALSE(server.handshake_complete());
    REQUIRE(server.failed());
    CHECK(server.take_plaintext().empty());
    return server.error();
}

std::string client_hello(TlsVersionRange versions = {}) {
    TlsEngine client{TlsContext::client({}, versions)};
    return client.take_ciphertext();
}

std::string hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out += kDigits[b >> 4];
        out += kDigits[b & 0x0F];
    }
    return out;
}

bool is_lower_hex(std::string_view text, std::size_t min_length, std::size_t max_length) {
    return text.size() >= min_length && text.size() <= max_length &&
           text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// An SSLKEYLOGFILE line: LABEL <client random, 32 bytes hex> <secret hex>.
bool is_keylog_line(std::string_view line, std::size_t min_secret, std::size_t max_secret) {
    const std::size_t first = line.find(' ');
    const std::size_t second = line.find(' ', first + 1);
    if (first == std::string_view::npos || second == std::string_view::npos || first == 0) {
        return false;
    }
    const std::string_view label = line.substr(0, first);
    return label.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") ==
               std::string_view::npos &&
           is_lower_hex(line.substr(first + 1, second - first - 1), 64, 64) &&
           is_lower_hex(line.substr(second + 1), min_secret, max_secret);
}

}  // namespace

TEST_CASE("client and server complete a TLS 1.3 handshake in memory and exchange data") {
    const TlsContext server_ctx = TlsContext::server(lab_credentials());
    TlsEngine server{server_ctx};
    TlsEngine client{TlsContext::client()};
    CHECK(client.role() == TlsRole::Client);
    CHECK(server.role() == TlsRole::Server);
    pump(client, server);
    REQUIRE(client.handshake_complete());
    REQUIRE(server.handshake_complete());
    CHECK(client.protocol_version() == "TLS 1.3");
    CHECK(server.protocol_version() == "TLS 1.3");
    CHECK(client.cipher_name() == server.cipher_name());
    CHECK(client.cipher_name().starts_with("TLS_"));

    client.write_plaintext("EHLO client.test\r\n");
    server.write_plaintext("250 hello\r\n");
    const auto wire = pump(client, server);
    CHECK(server.take_plaintext() == "EHLO client.test\r\n");
    CHECK(client.take_plaintext() == "250 hello\r\n");
    CHECK(wire.client_to_server.find("EHLO") == std::string::npos);
    CHECK(wire.server_to_client.find("250 hello") == std::string::npos);
    CHECK_FALSE(client.failed());
    CHECK_FALSE(server.failed());
}

TEST_CASE("a server limited to TLS 1.2 negotiates TLS 1.2 with an ECDHE AEAD suite") {
    SECTION("EC certificate") {
        TlsEngine server{TlsContext::server(lab_credentials(), only(TlsVersion::Tls12))};
        TlsEngine client{TlsContext::client()};
        pump(client, server);
        REQUIRE(server.handshake_complete());
        CHECK(client.protocol_version() == "TLS 1.2");
        CHECK(client.cipher_name().starts_with("TLS_ECDHE_ECDSA_WITH_"));
        server.write_plaintext("+OK ready\r\n");
        client.write_plaintext("CAPA\r\n");
        pump(client, server);
        CHECK(client.take_plaintext() == "+OK ready\r\n");
        CHECK(server.take_plaintext() == "CAPA\r\n");
    }
    SECTION("RSA certificate") {
        SelfSignedOptions rsa;
        rsa.key_type = KeyType::Rsa2048;
        TlsEngine server{TlsContext::server(generate_self_signed("rsa.test", {}, rsa))};
        TlsEngine client{TlsContext::client({}, only(TlsVersion::Tls12))};
        pump(client, server);
        REQUIRE(client.handshake_complete());
        CHECK(client.cipher_name().starts_with("TLS_ECDHE_RSA_WITH_"));
    }
}

TEST_CASE("plaintext written before the handshake is sent once it completes") {
    TlsEngine server{TlsContext::server(lab_credentials())};
    TlsEngine client{TlsContext::client()};
    client.write_plaintext("early\r\n");
    const std::string hello = client.take_ciphertext();
    CHECK(hello.find("early") == std::string::npos);
    server.feed_ciphertext(hello);
    const auto wire = pump(client, server);
    CHECK(server.take_plaintext() == "early\r\n");
    CHECK(wire.client_to_server.find("early") == std::string::npos);
}

TEST_CASE("ciphertext fed in any chunks gives the same plaintext") {
    std::string big;
    for (int i = 0; i < 3000; ++i)
        big += "line " + std::to_string(i) + "\r\n";
    const auto credentials = lab_credentials();
    for (const TlsVersion version : {TlsVersion::Tls12, TlsVersion::Tls13}) {
        std::vector<std::pair<std::string, std::string>> results;
        for (const auto& chunking : all_chunkings()) {
            INFO(chunking.name << " " << to_string(version));
            TlsEngine server{TlsContext::server(credentials, only(version))};
            TlsEngine client{TlsContext::client()};
            pump(client, server, chunking);
            REQUIRE(server.handshake_complete());
            client.write_plaintext(big);
            server.write_plaintext("reply\r\n");
            pump(client, server, chunking);
            client.close_notify();
            pump(client, server, chunking);
            CHECK(server.peer_closed());
            CHECK_FALSE(server.failed());
            results.emplace_back(server.take_plaintext(), client.take_plaintext());
        }
        for (const auto& r : results) {
            CHECK(r.first == big);
            CHECK(r.second == "reply\r\n");
        }
    }
}

TEST_CASE("a client limited to TLS 1.1 is refused") {
    SSL_CTX* legacy = SSL_CTX_new(TLS_client_method());
    REQUIRE(legacy != nullptr);
    SSL_CTX_set_security_level(legacy, 0);  // OpenSSL 3 would refuse TLS 1.1 itself
    SSL_CTX_set_min_proto_version(legacy, TLS1_VERSION);
    SSL_CTX_set_max_proto_version(legacy, TLS1_1_VERSION);
    TlsEngine client{TlsContext::adopt(legacy, TlsRole::Client)};
    const std::string hello = client.take_ciphertext();
    REQUIRE_FALSE(client.failed());
    REQUIRE(hello.size() > 5);
    TlsEngine server{TlsContext::server(lab_credentials())};
    server.feed_ciphertext(hello);
    REQUIRE(server.failed());
    CHECK(server.error().find("unsupported protocol") != std::string::npos);
    // The server's alert tells the client why.
    const std::string alert = server.take_ciphertext();
    REQUIRE(!alert.empty());
    CHECK(alert[0] == '\x15');
    client.feed_ciphertext(alert);
    REQUIRE(client.failed());
    CHECK(client.error().find("alert protocol version") != std::string::npos);
}

TEST_CASE("non-TLS input fails the server engine with a message, never a crash") {
    SECTION("an HTTP request") {
        CHECK(server_error_for("GET / HTTP/1.1\r\nHost: mail.maillab.test\r\n\r\n")
                  .find("http request") != std::string::npos);
    }
    SECTION("an SMTP command on the implicit TLS port") {
        CHECK(server_error_for("EHLO client.test\r\n").find("TLS handshake failed") == 0);
    }
    SECTION("random bytes") {
        std::mt19937 rng{42};
        for (int round = 0; round < 20; ++round) {
            std::string junk(64 + static_cast<std::size_t>(round) * 13, '\0');
            for (char& c : junk)
                c = static_cast<char>(rng());
            junk[0] = '\x16';  // looks like a handshake record at first
            junk[1] = '\x03';
            server_error_for(junk, true);
        }
    }
    SECTION("a record header claiming an oversized record") {
        CHECK(!server_error_for(std::string{"\x16\x03\x01\xFF\xFF", 5}).empty());
    }
    SECTION("a truncated ClientHello and then the end of the stream") {
        const std::string hello = client_hello();
        TlsEngine server{TlsContext::server(lab_credentials())};
        server.feed_ciphertext(hello.substr(0, hello.size() / 2));
        CHECK_FALSE(server.failed());  // it may still arrive
        server.feed_eof();
        REQUIRE(server.failed());
        CHECK(server.error().find("closed before the handshake finished") != std::string::npos);
    }
    SECTION("a ClientHello whose record is cut short and followed by another record") {
        std::string hello = client_hello();
        const std::size_t cut = 40;
        hello[3] = static_cast<char>(cut >> 8);
        hello[4] = static_cast<char>(cut);
        const std::string next = std::string{"\x17\x03\x03\x00\x05", 5} + "hello";
        CHECK(!server_error_for(hello.substr(0, 5 + cut) + next).empty());
    }
}

TEST_CASE("input after a failure is ignored") {
    TlsEngine server{TlsContext::server(lab_credentials())};
    server.feed_ciphertext("QUIT\r\n");
    REQUIRE(server.failed());
    const std::string error = server.error();
    server.feed_ciphertext(client_hello());
    server.write_plaintext("nothing");
    server.close_notify();
    CHECK(server.error() == error);
    CHECK_FALSE(server.handshake_complete());
    CHECK(server.take_plaintext().empty());
}

TEST_CASE("the record observer sees every record, and they add up to the ciphertext") {
    TlsEngine server{TlsContext::server(lab_credentials())};
    TlsEngine client{TlsContext::client()};
    std::vector<TlsRecord> client_seen;
    std::vector<TlsRecord> server_seen;
    client.set_record_observer([&](const TlsRecord& r) { client_seen.push_back(r); });
    server.set_record_observer([&](const TlsRecord& r) { server_seen.push_back(r); });

    auto wire = pump(client, server, all_chunkings()[1]);
    client.write_plaintext("PASS secret-password\r\n");
    const auto data = pump(client, server, all_chunkings()[2]);
    wire.client_to_server += data.client_to_server;
    REQUIRE(server.take_plaintext() == "PASS secret-password\r\n");

    std::string sent_by_client;
    std::string received_by_server;
    std::vector<TlsRecord> sent;
    for (const auto& r : client_seen) {
        if (r.direction == RecordDirection::Sent) {
            sent_by_client += r.bytes;
            sent.push_back(r);
        }
        CHECK(r.bytes.find("secret-password") == std::string::npos);
    }
    for (const auto& r : server_seen) {
        if (r.direction == RecordDirection::Received) received_by_server += r.bytes;
    }
    CHECK(sent_by_client == wire.client_to_server);
    CHECK(received_by_server == wire.client_to_server);
    REQUIRE(sent.size() >= 3);
    CHECK(sent.front().type == ContentType::Handshake);  // ClientHello
    CHECK(sent.back().type == ContentType::ApplicationData);
    CHECK(sent.back().version == 0x0303);
    // The server saw the client's records in the same order with the same bytes.
    std::vector<std::string> received_bytes;
    for (const auto& r : server_seen) {
        if (r.direction == RecordDirection::Received) received_bytes.push_back(r.bytes);
    }
    REQUIRE(received_bytes.size() == sent.size());
    for (std::size_t i = 0; i < sent.size(); ++i)
        CHECK(received_bytes[i] == sent[i].bytes);
}

TEST_CASE("the key log has the SSLKEYLOGFILE format") {
    SECTION("TLS 1.3") {
        std::vector<std::string> lines;
        TlsContext client_ctx = TlsContext::client();
        client_ctx.set_keylog([&](std::string_view line) { lines.emplace_back(line); });
        TlsEngine client{client_ctx};
        const std::string hello = client.take_ciphertext();
        TlsEngine server{TlsContext::server(lab_credentials())};
        server.feed_ciphertext(hello);
        pump(client, server);
        REQUIRE(client.handshake_complete());
        // The client random sits after the record header (5), handshake header (4), version (2).
        const std::string random = hex(hello.substr(11, 32));
        std::vector<std::string> labels;
        for (const auto& line : lines) {
            CHECK(is_keylog_line(line, 64, 96));
            CHECK(line.find(" " + random + " ") != std::string::npos);
            labels.push_back(line.substr(0, line.find(' ')));
        }
        std::sort(labels.begin(), labels.end());
        CHECK(labels == std::vector<std::string>{"CLIENT_HANDSHAKE_TRAFFIC_SECRET",
                                                 "CLIENT_TRAFFIC_SECRET_0", "EXPORTER_SECRET",
                                                 "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                                                 "SERVER_TRAFFIC_SECRET_0"});
    }
    SECTION("TLS 1.2, logged by the server's context too") {
        std::vector<std::string> client_lines;
        std::vector<std::string> server_lines;
        TlsContext client_ctx = TlsContext::client();
        client_ctx.set_keylog([&](std::string_view line) { client_lines.emplace_back(line); });
        TlsContext server_ctx = TlsContext::server(lab_credentials(), only(TlsVersion::Tls12));
        server_ctx.set_keylog([&](std::string_view line) { server_lines.emplace_back(line); });
        TlsEngine client{client_ctx};
        TlsEngine server{server_ctx};
        pump(client, server);
        REQUIRE(server.handshake_complete());
        REQUIRE(client_lines.size() == 1);
        CHECK(client_lines[0].starts_with("CLIENT_RANDOM "));
        CHECK(is_keylog_line(client_lines[0], 96, 96));
        CHECK(server_lines == client_lines);
    }
}

TEST_CASE("a verifying client checks the certificate and the host name") {
    const auto credentials = lab_credentials();
    const TlsContext server_ctx = TlsContext::server(credentials);
    auto connect = [&](const ClientTrust& trust) {
        TlsEngine client{TlsContext::client(trust)};
        TlsEngine server{server_ctx};
        pump(client, server);
        return std::pair{client.handshake_complete(), client.error()};
    };
    CHECK(connect({credentials.certificate_pem, "mail.maillab.test"}).first);
    CHECK(connect({credentials.certificate_pem, "127.0.0.1"}).first);
    const auto wrong_name = connect({credentials.certificate_pem, "evil.test"});
    CHECK_FALSE(wrong_name.first);
    CHECK(wrong_name.second.find("certificate verify failed") != std::string::npos);
    CHECK(wrong_name.second.find("hostname mismatch") != std::string::npos);
    const auto other = generate_self_signed("mail.maillab.test", {});
    const auto untrusted = connect({other.certificate_pem, "mail.maillab.test"});
    CHECK_FALSE(untrusted.first);
    CHECK(untrusted.second.find("certificate verify failed") != std::string::npos);
}

TEST_CASE("a record altered on the way fails the connection") {
    TlsEngine server{TlsContext::server(lab_credentials())};
    TlsEngine client{TlsContext::client()};
    pump(client, server);
    REQUIRE(server.handshake_complete());
    client.write_plaintext("RCPT TO:<bob@maillab.test>\r\n");
    std::string record = client.take_ciphertext();
    REQUIRE(record.size() > 20);
    record[record.size() - 20] ^= 0x01;  // one bit flipped by an attacker
    server.feed_ciphertext(record);
    REQUIRE(server.failed());
    CHECK(server.take_plaintext().empty());
    CHECK(server.error().find("TLS connection failed") == 0);
}

TEST_CASE("close_notify ends the connection cleanly after pending data") {
    TlsEngine server{TlsContext::server(lab_credentials())};
    TlsEngine client{TlsContext::client()};
    pump(client, server);
    server.write_plaintext("221 bye\r\n");
    server.close_notify();
    CHECK(server.close_notify_sent());
    server.write_plaintext("ignored\r\n");
    pump(client, server);
    CHECK(client.take_plaintext() == "221 bye\r\n");
    CHECK(client.peer_closed());
    CHECK_FALSE(client.failed());
}

TEST_CASE("the end of the stream after the handshake is not a failure") {
    TlsEngine server{TlsContext::server(lab_credentials())};
    TlsEngine client{TlsContext::client()};
    pump(client, server);
    server.feed_eof();
    CHECK(server.peer_closed());
    CHECK_FALSE(server.failed());
}
