// AUTH PLAIN / LOGIN on the submission roles (RFC 4954, RFC 6409).
#include <catch2/catch.hpp>

#include "protocols/core/base64.hpp"
#include "protocols/smtp/server_session.hpp"
#include "tests/protocols/smtp/memory_backend.hpp"

using namespace maillab::protocols::smtp;
using namespace maillab::protocols::smtp::test;
using maillab::protocols::core::encode_base64;
using Replies = std::vector<std::string>;

namespace {

std::string plain(std::string_view authzid, std::string_view user, std::string_view pass) {
    std::string s{authzid};
    s += '\0';
    s += user;
    s += '\0';
    s += pass;
    return encode_base64(s);
}

ServerConfig loopback_submission() {
    return submission_config(false, true);
}

}  // namespace

TEST_CASE("submission requires AUTH before MAIL") {
    const auto run =
        run_server(loopback_submission(), "EHLO c\r\nMAIL FROM:<alice@example.test>\r\n");
    REQUIRE(replies_of(run.output).back() == "530 5.7.0 Authentication required");
}

TEST_CASE("AUTH PLAIN with initial response, then relay to any domain") {
    MemoryBackend backend;
    const std::string input = "EHLO c\r\nAUTH PLAIN " + plain("", "alice", "secret") +
                              "\r\nMAIL FROM:<alice@example.test>\r\nRCPT TO:<far@away.test>\r\n"
                              "DATA\r\nSubject: x\r\n\r\nhi\r\n.\r\nAUTH PLAIN\r\n";
    const auto run = run_server(loopback_submission(), backend, [&](const auto& f) { f(input); });
    REQUIRE(replies_of(run.output) ==
            Replies{"250 CHUNKING", "235 2.7.0 Authentication successful", "250 2.1.0 Ok",
                    "250 2.1.5 Ok", "354 End data with <CR><LF>.<CR><LF>",
                    "250 2.0.0 Ok: queued as Q1", "503 5.5.1 Error: already authenticated"});
    REQUIRE(backend.accepted.front().envelope.auth_identity == "alice");
    const std::string& m = backend.accepted.front().message;
    REQUIRE(m.find("with ESMTPA id T1") != std::string::npos);
    // RFC 6409 §8: Date and Message-ID added when missing.
    REQUIRE(m.find("Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n") != std::string::npos);
    REQUIRE(m.find("Message-ID: <T1@smtp.example.test>\r\n") != std::string::npos);
    // Credentials never reach the events.
    for (const auto& e : run.events)
        REQUIRE(e.text.find(plain("", "alice", "secret")) == std::string::npos);
}

TEST_CASE("existing Date and Message-ID are kept on submission") {
    MemoryBackend backend;
    const std::string input =
        "EHLO c\r\nAUTH PLAIN " + plain("alice", "alice", "secret") +
        "\r\nMAIL FROM:<alice@example.test>\r\nRCPT TO:<far@away.test>\r\n"
        "DATA\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\nmessage-id: <x@y>\r\n"
        "\r\nMessage-ID: in the body\r\n.\r\n";
    run_server(loopback_submission(), backend, [&](const auto& f) { f(input); });
    REQUIRE(backend.accepted.size() == 1);
    const std::string& m = backend.accepted.front().message;
    REQUIRE(m.find("Message-ID: <T1") == std::string::npos);
    REQUIRE(m.find("Date: Tue") == std::string::npos);
}

TEST_CASE("AUTH PLAIN without initial response, and cancel with *") {
    const auto run =
        run_server(loopback_submission(), "EHLO c\r\nAUTH PLAIN\r\n*\r\nAUTH PLAIN\r\n" +
                                              plain("", "alice", "secret") + "\r\n");
    REQUIRE(replies_of(run.output) == Replies{"250 CHUNKING", "334 ",
                                              "501 5.7.0 Authentication aborted", "334 ",
                                              "235 2.7.0 Authentication successful"});
}

TEST_CASE("AUTH LOGIN, with and without initial user name") {
    const auto run = run_server(
        loopback_submission(),
        "EHLO c\r\nAUTH LOGIN\r\n" + encode_base64("alice") + "\r\n" + encode_base64("wrong") +
            "\r\nAUTH LOGIN " + encode_base64("alice") + "\r\n" + encode_base64("secret") + "\r\n");
    REQUIRE(replies_of(run.output) ==
            Replies{"250 CHUNKING", "334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6",
                    "535 5.7.8 Error: authentication failed: authentication failure",
                    "334 UGFzc3dvcmQ6", "235 2.7.0 Authentication successful"});
}

TEST_CASE("AUTH errors: bad base64, malformed PLAIN, unknown mechanism, proxy identity") {
    const auto run =
        run_server(loopback_submission(),
                   "EHLO c\r\nAUTH PLAIN not*base64\r\nAUTH PLAIN\r\n!!!!\r\nAUTH LOGIN\r\n%%%\r\n"
                   "AUTH PLAIN " +
                       encode_base64("no-nul-here") +
                       "\r\nAUTH CRAM-MD5\r\n"
                       "AUTH PLAIN " +
                       plain("bob", "alice", "secret") + "\r\nAUTH PLAIN " +
                       plain("", "alice", "nope") + "\r\n");
    REQUIRE(replies_of(run.output) ==
            Replies{"250 CHUNKING", "501 5.5.2 Error: cannot decode response", "334 ",
                    "501 5.5.2 Error: cannot decode response", "334 VXNlcm5hbWU6",
                    "501 5.5.2 Error: cannot decode response",
                    "501 5.5.2 Error: malformed PLAIN response",
                    "504 5.5.4 Unrecognized authentication type",
                    "535 5.7.8 Error: authentication failed: authorization identity refused",
                    "535 5.7.8 Error: authentication failed: authentication failure"});
}

TEST_CASE("AUTH is refused before EHLO, on MX, and before TLS on a public listener") {
    REQUIRE(replies_of(run_server(loopback_submission(), "AUTH PLAIN\r\n").output).back() ==
            "503 5.5.1 Error: send HELO/EHLO first");
    REQUIRE(replies_of(run_server(mx_config(), "EHLO c\r\nAUTH PLAIN\r\n").output).back() ==
            "503 5.5.1 Error: authentication not enabled");
    REQUIRE(replies_of(run_server(submission_config(), "EHLO c\r\nAUTH PLAIN\r\n").output).back() ==
            "503 5.5.1 Error: authentication not enabled");
}

TEST_CASE("submissions (implicit TLS) offers AUTH at once and records a secure session") {
    MemoryBackend backend;
    auto config = submission_config();
    config.role = ServerRole::Submissions;
    const std::string input = "EHLO c\r\nAUTH PLAIN " + plain("", "alice", "secret") +
                              "\r\nMAIL FROM:<alice@example.test>\r\nRCPT TO:<x@away.test>\r\n"
                              "DATA\r\nhi\r\n.\r\nSTARTTLS\r\n";
    const auto run = run_server(config, backend, [&](const auto& f) { f(input); });
    REQUIRE(replies_of(run.output).back() == "554 5.5.1 Error: TLS already active");
    REQUIRE(backend.accepted.front().envelope.secure);
    REQUIRE(backend.accepted.front().message.find("with ESMTPSA") != std::string::npos);
}
