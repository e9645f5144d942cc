// Hostile input against the server: STARTTLS command injection, SMTP
// smuggling, bare LF, NUL and invalid UTF-8 in commands.
#include <catch2/catch.hpp>

#include "protocols/smtp/server_session.hpp"
#include "tests/protocols/smtp/memory_backend.hpp"

using namespace maillab::protocols::smtp;
using namespace maillab::protocols::smtp::test;
using maillab::protocols::core::EventKind;
using Replies = std::vector<std::string>;
using namespace std::string_literals;

namespace {

ServerConfig tls_mx() {
    auto c = mx_config();
    c.tls_available = true;
    return c;
}

std::size_t count_commands(const std::vector<maillab::protocols::core::ProtocolEvent>& events,
                           std::string_view prefix) {
    std::size_t n = 0;
    for (const auto& e : events)
        if (e.kind == EventKind::Command && e.text.starts_with(prefix)) ++n;
    return n;
}

}  // namespace

TEST_CASE("STARTTLS injection: plaintext pipelined behind STARTTLS never runs") {
    MemoryBackend backend;
    ServerSession server{tls_mx(), backend};
    server.start();
    server.receive("EHLO c\r\nSTARTTLS\r\nMAIL FROM:<x@evil.test>\r\n");
    REQUIRE(replies_of(server.take_output()) ==
            Replies{"250 CHUNKING", "220 2.0.0 Ready to start TLS"});
    // Plaintext arriving before the handshake completes is dropped too.
    server.receive("RCPT TO:<bob@example.test>\r\n");
    REQUIRE(server.take_output().empty());
    auto events = server.take_events();
    REQUIRE(count_commands(events, "MAIL") == 0);
    REQUIRE(count_commands(events, "RCPT") == 0);
    REQUIRE(std::any_of(events.begin(), events.end(),
                        [](const auto& e) { return e.kind == EventKind::StartTls; }));

    server.on_tls_established();
    REQUIRE(server.tls_active());
    // The session starts over: no EHLO yet, so MAIL is out of order.
    server.receive("MAIL FROM:<a@r.test>\r\nEHLO c\r\nSTARTTLS\r\n");
    const auto after = lines_of(server.take_output());
    REQUIRE(after.front() == "503 5.5.1 Error: send HELO/EHLO first");
    REQUIRE(std::find(after.begin(), after.end(), "250-STARTTLS") == after.end());
    REQUIRE(after.back() == "554 5.5.1 Error: TLS already active");
}

TEST_CASE("STARTTLS resets AUTH state and enables AUTH on a public submission listener") {
    MemoryBackend backend;
    ServerSession server{submission_config(), backend};
    server.start();
    server.receive("EHLO c\r\nSTARTTLS\r\n");
    server.on_tls_established();
    server.receive("EHLO c\r\n");
    const auto lines = lines_of(server.take_output());
    REQUIRE(std::find(lines.begin(), lines.end(), "250-AUTH PLAIN LOGIN") != lines.end());
}

TEST_CASE("STARTTLS refusals") {
    REQUIRE(replies_of(run_server(mx_config(), "STARTTLS\r\n").output).back() ==
            "502 5.5.1 Error: command not implemented");
    REQUIRE(replies_of(run_server(tls_mx(), "STARTTLS now\r\n").output).back() ==
            "501 5.5.4 Syntax: STARTTLS");
    REQUIRE(
        replies_of(run_server(tls_mx(), "EHLO c\r\nMAIL FROM:<a@r.test>\r\nSTARTTLS\r\n").output)
            .back() == "503 5.5.1 Error: MAIL transaction in progress");
}

TEST_CASE("SMTP smuggling through a whole session: the hidden MAIL is message text") {
    for (const char* trick : {"\n.\n", "\r.\r", "\n.\r\n", "\r\n.\n"}) {
        INFO(trick);
        MemoryBackend backend;
        const std::string input =
            std::string{
                "EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\nhi"} +
            trick +
            "MAIL FROM:<admin@example.test>\r\nRCPT "
            "TO:<alice@example.test>\r\nDATA\r\nforged\r\n.\r\n";
        const auto run = run_server(mx_config(), backend, [&](const auto& f) { f(input); });
        const auto r = replies_of(run.output);
        REQUIRE(r.size() == 5);
        REQUIRE(r.back() == "550 5.5.2 Error: bare <CR> or <LF> received in message");
        REQUIRE(backend.accepted.empty());
        REQUIRE(count_commands(run.events, "MAIL") == 1);
    }
}

TEST_CASE("bare LF ends a command line only to be refused") {
    const auto run = run_server(mx_config(), "NOOP\nNOOP\r\n");
    REQUIRE(replies_of(run.output) ==
            Replies{"500 5.5.2 Error: bare <LF> received", "250 2.0.0 Ok"});
}

TEST_CASE("NUL, bare CR and invalid UTF-8 in commands") {
    const auto run = run_server(mx_config(), "NO\0OP\r\nNO\rOP\r\nNOOP \xff\r\nNOOP\r\n"s);
    REQUIRE(replies_of(run.output) == Replies{"500 5.5.2 Error: bad character in command",
                                              "500 5.5.2 Error: bad character in command",
                                              "500 5.5.2 Error: bad character in command",
                                              "250 2.0.0 Ok"});
}

TEST_CASE("BDAT: chunks, LAST, BDAT 0 LAST, no dot handling") {
    MemoryBackend backend;
    const std::string input =
        "EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\n"
        "BDAT 7\r\n.\r\nab\r\nBDAT 6 LAST\r\ncd\r\n\r\n"
        "MAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\nBDAT 4\r\nxy\r\nBDAT 0 "
        "LAST\r\nQUIT\r\n";
    const auto run = run_server(mx_config(), backend, [&](const auto& f) { f(input); });
    REQUIRE(replies_of(run.output) == Replies{"250 CHUNKING", "250 2.1.0 Ok", "250 2.1.5 Ok",
                                              "250 2.0.0 Ok: 7 octets received",
                                              "250 2.0.0 Ok: queued as Q1", "250 2.1.0 Ok",
                                              "250 2.1.5 Ok", "250 2.0.0 Ok: 4 octets received",
                                              "250 2.0.0 Ok: queued as Q2", "221 2.0.0 Bye"});
    REQUIRE(backend.accepted[0].message.ends_with("\r\n.\r\nab\r\ncd\r\n\r\n"));
    REQUIRE(backend.accepted[1].message.ends_with(
        "id T2\r\n\tfor <bob@example.test>; Tue, 14 Nov 2023 22:13:20 +0000\r\nxy\r\n"));
}

TEST_CASE("BDAT errors: chunk read even when out of sequence, DATA during BDAT, bad syntax") {
    MemoryBackend backend;
    const std::string input =
        "EHLO c\r\nBDAT 6 LAST\r\nQUIT\r\n"
        "MAIL FROM:<a@r.test>\r\nBDAT 3\r\nabc"
        "RCPT TO:<bob@example.test>\r\nBDAT 2\r\nxyDATA\r\nRCPT TO:<alice@example.test>\r\nBDAT "
        "x\r\n"
        "BDAT 1 LAST\r\nz";
    const auto run = run_server(mx_config(), backend, [&](const auto& f) { f(input); });
    REQUIRE(replies_of(run.output) ==
            Replies{"250 CHUNKING", "503 5.5.1 Error: need RCPT command", "250 2.1.0 Ok",
                    "554 5.5.1 Error: no valid recipients", "250 2.1.5 Ok",
                    "250 2.0.0 Ok: 2 octets received", "503 5.5.1 Error: BDAT in progress",
                    "503 5.5.1 Error: BDAT in progress", "501 5.5.4 Syntax: BDAT size [LAST]",
                    "250 2.0.0 Ok: queued as Q1"});
    REQUIRE(backend.accepted.size() == 1);
    REQUIRE(backend.accepted[0].message.ends_with("\r\nxyz"));
}

TEST_CASE("BDAT over the size limit is read to the end and refused") {
    MemoryBackend backend;
    auto config = mx_config();
    config.limits.max_message_octets = 5;
    const auto run = run_server(config, backend, [](const auto& f) {
        f("EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\nBDAT 4\r\n1234BDAT 4 "
          "LAST\r\n5678NOOP\r\n");
    });
    const auto r = replies_of(run.output);
    REQUIRE(r[r.size() - 2] == "552 5.3.4 Error: message file too big");
    REQUIRE(r.back() == "250 2.0.0 Ok");
    REQUIRE(backend.accepted.empty());
}
