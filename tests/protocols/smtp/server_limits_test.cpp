// Every named limit of the server, at and just past its value.
#include <catch2/catch.hpp>

#include "protocols/smtp/server_session.hpp"
#include "tests/protocols/smtp/memory_backend.hpp"

using namespace maillab::protocols::smtp;
using namespace maillab::protocols::smtp::test;
using Replies = std::vector<std::string>;

TEST_CASE("command line limit: 500 5.5.2 and resync at the next CRLF") {
    const std::string at_limit = "NOOP " + std::string(kMaxCommandLineOctets - 5, 'x');
    const std::string over = "NOOP " + std::string(kMaxCommandLineOctets - 4, 'x');
    const auto run = run_server(mx_config(), at_limit + "\r\n" + over + "\r\nNOOP\r\n");
    REQUIRE(replies_of(run.output) ==
            Replies{"250 2.0.0 Ok", "500 5.5.2 Error: line too long", "250 2.0.0 Ok"});
    // A line far longer than the limit, fed in pieces, is reported once.
    MemoryBackend backend;
    const auto big = run_server(mx_config(), backend, [](const auto& f) {
        for (int i = 0; i < 100; ++i)
            f(std::string(1000, 'y'));
        f("\r\nNOOP\r\n");
    });
    REQUIRE(replies_of(big.output) == Replies{"500 5.5.2 Error: line too long", "250 2.0.0 Ok"});
}

TEST_CASE("message size limit: 552 5.3.4 after the final dot, session stays in sync") {
    MemoryBackend backend;
    auto config = mx_config();
    config.limits.max_message_octets = 100;
    const std::string head =
        "EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n";
    const auto run = run_server(config, backend, [&](const auto& f) {
        f(head + std::string(98, 'a') + "\r\n.\r\n");  // exactly 100 octets
        f("MAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n" + std::string(99, 'a') +
          "\r\n.\r\nNOOP\r\n");
    });
    const auto r = replies_of(run.output);
    REQUIRE(r[4] == "250 2.0.0 Ok: queued as Q1");
    REQUIRE(r[8] == "552 5.3.4 Error: message file too big");
    REQUIRE(r[9] == "250 2.0.0 Ok");
    REQUIRE(backend.accepted.size() == 1);
}

TEST_CASE("long message lines: refused past kMaxDataLineOctets, nothing delivered") {
    MemoryBackend backend;
    const auto run = run_server(mx_config(), backend, [](const auto& f) {
        f("EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n" +
          std::string(kMaxDataLineOctets + 1, 'l') + "\r\n.\r\n");
    });
    REQUIRE(replies_of(run.output).back() == "554 5.6.0 Error: message line longer than " +
                                                 std::to_string(kMaxDataLineOctets) + " octets");
    REQUIRE(backend.accepted.empty());
}

TEST_CASE("recipient limit: 452 4.5.3") {
    auto config = mx_config();
    config.limits.max_recipients = 2;
    const auto run = run_server(config,
                                "EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\n"
                                "RCPT TO:<alice@example.test>\r\nRCPT TO:<postmaster>\r\n");
    REQUIRE(replies_of(run.output).back() == "452 4.5.3 Error: too many recipients");
    REQUIRE_FALSE(run.closed);
}

TEST_CASE("error limits: soft limit delays replies, hard limit says 421 4.7.0 and closes") {
    MemoryBackend backend;
    auto config = mx_config();
    config.limits.soft_error_limit = 2;
    config.limits.hard_error_limit = 4;
    ServerSession server{config, backend};
    server.start();
    server.receive("BOGUS\r\n");
    REQUIRE(server.reply_delay() == std::chrono::milliseconds{0});
    server.receive("BOGUS\r\n");
    REQUIRE(server.reply_delay() == config.limits.error_delay);
    REQUIRE(server.output_delay() == config.limits.error_delay);
    server.receive("BOGUS\r\nBOGUS\r\nNOOP\r\n");
    REQUIRE(server.closed());
    REQUIRE(server.error_count() == 4);
    const auto r = replies_of(server.take_output());
    REQUIRE(r.size() == 5);
    REQUIRE(r.back() == "421 4.7.0 mx.example.test Error: too many errors");
}

TEST_CASE("idle timeout: 421 4.4.2 and close") {
    MemoryBackend backend;
    ServerSession server{mx_config(), backend};
    server.start();
    REQUIRE(server.timeout() == kDefaultIdleTimeout);
    server.on_timeout();
    REQUIRE(server.closed());
    REQUIRE(replies_of(server.take_output()) ==
            Replies{"421 4.4.2 mx.example.test Error: timeout exceeded"});
    REQUIRE_FALSE(server.timeout());
}
