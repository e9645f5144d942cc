#include "protocols/smtp/server_session.hpp"

#include <catch2/catch.hpp>

#include "tests/protocols/smtp/memory_backend.hpp"

using namespace maillab::protocols::smtp;
using namespace maillab::protocols::smtp::test;
using maillab::protocols::core::EventKind;
using Replies = std::vector<std::string>;

TEST_CASE("greeting") {
    const auto run = run_server(mx_config(), "");
    REQUIRE(run.output == "220 mx.example.test ESMTP maillab\r\n");
    REQUIRE(run.events.front().kind == EventKind::Reply);
    REQUIRE(run.events.front().why.reference.find("RFC 5321") != std::string::npos);
}

TEST_CASE("a whole MX transaction, with the Received header") {
    MemoryBackend backend;
    const std::string input =
        "EHLO client.test\r\nMAIL FROM:<sender@remote.test> SIZE=100\r\n"
        "RCPT TO:<alice@example.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;alice@example.test\r\n"
        "DATA\r\nSubject: hi\r\n\r\n..dot\r\n.\r\nQUIT\r\n";
    const auto run = run_server(mx_config(), backend, [&](const auto& f) { f(input); });
    REQUIRE(replies_of(run.output) == Replies{"250 CHUNKING", "250 2.1.0 Ok", "250 2.1.5 Ok",
                                              "354 End data with <CR><LF>.<CR><LF>",
                                              "250 2.0.0 Ok: queued as Q1", "221 2.0.0 Bye"});
    REQUIRE(run.closed);
    REQUIRE(run.accepted.size() == 1);
    const auto& stored = run.accepted.front();
    REQUIRE(stored.envelope.mail_from == "sender@remote.test");
    REQUIRE(stored.envelope.declared_size == 100u);
    REQUIRE(stored.envelope.helo_name == "client.test");
    REQUIRE(stored.envelope.esmtp);
    REQUIRE_FALSE(stored.envelope.secure);
    REQUIRE(stored.envelope.recipients.size() == 1);
    REQUIRE(stored.envelope.recipients[0].notify.success);
    REQUIRE(stored.envelope.recipients[0].orcpt == "rfc822;alice@example.test");
    REQUIRE(stored.message ==
            "Received: from client.test (unknown [192.0.2.7])\r\n"
            "\tby mx.example.test (maillab) with ESMTP id T1\r\n"
            "\tfor <alice@example.test>; Tue, 14 Nov 2023 22:13:20 +0000\r\n"
            "Subject: hi\r\n\r\n.dot\r\n");
    REQUIRE(run.events.back().kind == EventKind::Close);
}

TEST_CASE("EHLO advertisement per role and TLS state") {
    auto ehlo = [](const ServerConfig& c) {
        auto lines = lines_of(run_server(c, "EHLO c.test\r\n").output);
        lines.erase(lines.begin());
        return lines;
    };
    REQUIRE(ehlo(mx_config()) == Replies{"250-mx.example.test", "250-PIPELINING",
                                         "250-SIZE 10240000", "250-VRFY", "250-ETRN",
                                         "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250-DSN",
                                         "250-SMTPUTF8", "250 CHUNKING"});
    auto mx_tls = mx_config();
    mx_tls.tls_available = true;
    REQUIRE(ehlo(mx_tls)[5] == "250-STARTTLS");
    // Submission on a public listener: STARTTLS, but no AUTH before TLS.
    const auto sub = ehlo(submission_config());
    REQUIRE(std::find(sub.begin(), sub.end(), "250-STARTTLS") != sub.end());
    REQUIRE(std::find(sub.begin(), sub.end(), "250-AUTH PLAIN LOGIN") == sub.end());
    // Loopback submission: AUTH in plaintext is allowed.
    const auto loop = ehlo(submission_config(false, true));
    REQUIRE(std::find(loop.begin(), loop.end(), "250-AUTH PLAIN LOGIN") != loop.end());
    // Implicit TLS: AUTH, never STARTTLS.
    auto smtps = submission_config();
    smtps.role = ServerRole::Submissions;
    const auto s465 = ehlo(smtps);
    REQUIRE(std::find(s465.begin(), s465.end(), "250-STARTTLS") == s465.end());
    REQUIRE(std::find(s465.begin(), s465.end(), "250-AUTH PLAIN LOGIN") != s465.end());
}

TEST_CASE("HELO gives a plain 250 and refuses ESMTP parameters") {
    const auto run =
        run_server(mx_config(),
                   "HELO c.test\r\nMAIL FROM:<a@r.test> SIZE=10\r\nMAIL FROM:<a@r.test>\r\n"
                   "RCPT TO:<bob@example.test> NOTIFY=NEVER\r\nRCPT TO:<bob@example.test>\r\n");
    REQUIRE(replies_of(run.output) ==
            Replies{"250 mx.example.test", "555 5.5.4 Unsupported option: SIZE", "250 2.1.0 Ok",
                    "555 5.5.4 Unsupported option: NOTIFY", "250 2.1.5 Ok"});
}

TEST_CASE("out-of-order commands get 503 5.5.1") {
    const auto run = run_server(mx_config(),
                                "MAIL FROM:<a@r.test>\r\nEHLO c\r\nRCPT TO:<alice@example.test>\r\n"
                                "DATA\r\nMAIL FROM:<a@r.test>\r\nMAIL FROM:<a@r.test>\r\n"
                                "DATA\r\nETRN example.test\r\nAUTH PLAIN\r\n");
    REQUIRE(replies_of(run.output) == Replies{"503 5.5.1 Error: send HELO/EHLO first",
                                              "250 CHUNKING", "503 5.5.1 Error: need MAIL command",
                                              "503 5.5.1 Error: need RCPT command", "250 2.1.0 Ok",
                                              "503 5.5.1 Error: nested MAIL command",
                                              "554 5.5.1 Error: no valid recipients",
                                              "503 5.5.1 Error: MAIL transaction in progress",
                                              "503 5.5.1 Error: authentication not enabled"});
}

TEST_CASE("MX recipients: unknown user, relay denied, postmaster, domain case") {
    const auto run =
        run_server(mx_config(),
                   "EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<nobody@example.test>\r\n"
                   "RCPT TO:<victim@elsewhere.test>\r\nRCPT TO:<postmaster>\r\nRCPT "
                   "TO:<bob@EXAMPLE.test>\r\n");
    REQUIRE(replies_of(run.output) ==
            Replies{"250 CHUNKING", "250 2.1.0 Ok",
                    "550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown in "
                    "local recipient table",
                    "554 5.7.1 <victim@elsewhere.test>: Relay access denied", "250 2.1.5 Ok",
                    "550 5.1.1 <bob@EXAMPLE.test>: Recipient address rejected: User unknown in "
                    "local recipient table"});
}

TEST_CASE("null sender, RSET, NOOP, VRFY, EXPN, HELP, unknown and empty commands") {
    const auto run = run_server(mx_config(),
                                "EHLO c\r\nMAIL FROM:<>\r\nRSET\r\nRCPT TO:<alice@example.test>\r\n"
                                "NOOP anything\r\nVRFY alice\r\nVRFY\r\nEXPN list\r\nHELP\r\n"
                                "XYZZY\r\n\r\nRSET now\r\nDATA now\r\n");
    REQUIRE(replies_of(run.output) ==
            Replies{"250 CHUNKING", "250 2.1.0 Ok", "250 2.0.0 Ok",
                    "503 5.5.1 Error: need MAIL command", "250 2.0.0 Ok", "252 2.0.0 alice",
                    "501 5.5.4 Syntax: VRFY address", "502 5.5.1 Error: command not implemented",
                    "214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP "
                    "ETRN STARTTLS AUTH",
                    "500 5.5.2 Error: command not recognized", "500 5.5.2 Error: bad syntax",
                    "501 5.5.4 Syntax: RSET", "501 5.5.4 Syntax: DATA"});
}

TEST_CASE("MAIL checks: SIZE over the limit, UTF-8 address without SMTPUTF8") {
    auto config = mx_config();
    config.limits.max_message_octets = 1000;
    const auto run =
        run_server(config,
                   "EHLO c\r\nMAIL FROM:<a@r.test> SIZE=1001\r\nMAIL FROM:<j\xc3\xb6rg@r.test>\r\n"
                   "MAIL FROM:<j\xc3\xb6rg@r.test> SMTPUTF8 BODY=8BITMIME\r\nRCPT "
                   "TO:<b\xc3\xb6@example.test>\r\n");
    REQUIRE(replies_of(run.output) ==
            Replies{"250 CHUNKING", "552 5.3.4 Message size exceeds fixed limit",
                    "553 5.6.7 Non-ASCII sender address requires SMTPUTF8", "250 2.1.0 Ok",
                    "550 5.1.1 <b\xc3\xb6@example.test>: Recipient address rejected: User unknown "
                    "in local recipient table"});
}

TEST_CASE("backend results map to replies") {
    auto attempt = [](AcceptResult::Kind kind) {
        MemoryBackend backend;
        backend.next_result = kind;
        const auto run = run_server(mx_config(), backend, [](const auto& f) {
            f("EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\nx\r\n.\r\n");
        });
        return replies_of(run.output).back();
    };
    REQUIRE(attempt(AcceptResult::Kind::TemporaryFailure) ==
            "451 4.3.0 Error: queue file write error");
    REQUIRE(attempt(AcceptResult::Kind::PermanentFailure) == "554 5.3.0 Error: message refused");
    REQUIRE(attempt(AcceptResult::Kind::QuotaFull) == "552 5.2.2 Mailbox full");
}

TEST_CASE("ETRN results (RFC 1985)") {
    auto etrn = [](EtrnResult::Kind kind, const char* arg) {
        MemoryBackend backend;
        backend.etrn_result = kind;
        const auto run = run_server(mx_config(), backend, [&](const auto& f) {
            f(std::string{"EHLO c\r\nETRN "} + arg + "\r\n");
        });
        if (!backend.etrn_domains.empty()) REQUIRE(backend.etrn_domains.front() == "example.test");
        return replies_of(run.output).back();
    };
    REQUIRE(etrn(EtrnResult::Kind::Started, "example.test") == "250 2.0.0 Queuing started");
    REQUIRE(etrn(EtrnResult::Kind::NoMessages, "@example.test") ==
            "251 2.0.0 OK, no messages waiting");
    REQUIRE(etrn(EtrnResult::Kind::Unable, "example.test") ==
            "458 4.0.0 Unable to queue messages for node example.test");
    REQUIRE(etrn(EtrnResult::Kind::NotAllowed, "example.test") ==
            "459 4.7.1 Node example.test not allowed");
    REQUIRE(etrn(EtrnResult::Kind::Started, "@") == "501 5.5.4 Syntax: ETRN domain");
}

TEST_CASE("EHLO resets a transaction") {
    const auto run = run_server(
        mx_config(), "EHLO c\r\nMAIL FROM:<a@r.test>\r\nEHLO c\r\nRCPT TO:<bob@example.test>\r\n");
    REQUIRE(replies_of(run.output).back() == "503 5.5.1 Error: need MAIL command");
}

TEST_CASE("pipelined commands are answered in order, DATA switches to message text") {
    MemoryBackend backend;
    const std::string input =
        "EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<alice@example.test>\r\n"
        "RCPT TO:<nobody@example.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n"
        "MAIL FROM:<not-a-command@x.test>\r\n.\r\nMAIL FROM:<b@r.test>\r\n"
        "RCPT TO:<bob@example.test>\r\nDATA\r\nsecond\r\n.\r\nQUIT\r\n";
    const auto run = run_server(mx_config(), backend, [&](const auto& f) { f(input); });
    REQUIRE(replies_of(run.output) ==
            Replies{"250 CHUNKING", "250 2.1.0 Ok", "250 2.1.5 Ok",
                    "550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown in "
                    "local recipient table",
                    "250 2.1.5 Ok", "354 End data with <CR><LF>.<CR><LF>",
                    "250 2.0.0 Ok: queued as Q1", "250 2.1.0 Ok", "250 2.1.5 Ok",
                    "354 End data with <CR><LF>.<CR><LF>", "250 2.0.0 Ok: queued as Q2",
                    "221 2.0.0 Bye"});
    REQUIRE(backend.accepted.size() == 2);
    REQUIRE(backend.accepted[0].envelope.recipients.size() == 2);
    REQUIRE(backend.accepted[0].message.ends_with("MAIL FROM:<not-a-command@x.test>\r\n"));
    // Two recipients: Received has no "for" clause.
    REQUIRE(backend.accepted[0].message.find("\tfor <") == std::string::npos);
}

TEST_CASE("input after QUIT is ignored") {
    const auto run = run_server(mx_config(), "QUIT\r\nNOOP\r\n");
    REQUIRE(replies_of(run.output) == Replies{"221 2.0.0 Bye"});
    REQUIRE(run.closed);
}

TEST_CASE("peer close ends the session without delivering") {
    MemoryBackend backend;
    ServerSession server{mx_config(), backend};
    server.start();
    server.receive("EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\nhalf");
    server.on_peer_closed();
    REQUIRE(server.closed());
    REQUIRE(backend.accepted.empty());
    REQUIRE_FALSE(server.timeout());
}

TEST_CASE("every event carries an explanation") {
    const auto run = run_server(mx_config(),
                                "EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\n"
                                "DATA\r\nx\r\n.\r\nBOGUS\r\nQUIT\r\n");
    for (const auto& e : run.events) {
        INFO(e.text);
        REQUIRE_FALSE(e.why.meaning.empty());
        REQUIRE_FALSE(e.why.reference.empty());
    }
}

TEST_CASE("EHLO and HELO need a name") {
    const auto run = run_server(mx_config(), "EHLO\r\nHELO\r\nMAIL FROM:<a@r.test>\r\n");
    REQUIRE(replies_of(run.output) == Replies{"501 5.5.4 Syntax: EHLO hostname",
                                              "501 5.5.4 Syntax: HELO hostname",
                                              "503 5.5.1 Error: send HELO/EHLO first"});
}

TEST_CASE("state changes are reported as events") {
    const auto run = run_server(mx_config(),
                                "EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\n"
                                "DATA\r\nx\r\n.\r\nMAIL FROM:<a@r.test>\r\nRSET\r\n");
    std::vector<std::string> states;
    for (const auto& e : run.events)
        if (e.kind == EventKind::StateChange) states.push_back(e.text);
    REQUIRE(states ==
            std::vector<std::string>{"READY", "MAIL", "RCPT", "DATA", "READY", "MAIL", "READY"});
}
