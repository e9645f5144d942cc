#include "sim/export/transcript.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "sim/export/text_layout.hpp"

using namespace maillab::sim;

namespace {

Trace sample_trace() {
    Trace t;
    t.append(
        {.t = 0, .kind = EventKind::HostAdded, .host = 0, .payload = "laptop", .note = "device"});
    t.append({.t = 0,
              .kind = EventKind::HostAdded,
              .host = 1,
              .payload = "mail.maillab.test",
              .note = "server"});
    t.append({.t = 1000,
              .kind = EventKind::TcpSyn,
              .host = 0,
              .peer = 1,
              .conn = 1,
              .value = 40001,
              .aux = 587});
    t.append({.t = 21000,
              .kind = EventKind::Reply,
              .dir = Direction::ServerToClient,
              .conn = 1,
              .payload = "220 mail.maillab.test ESMTP maillab\r\n",
              .note = "The server is ready and names itself.",
              .ref = "RFC 5321 §4.2"});
    t.append({.t = 22000,
              .kind = EventKind::Command,
              .dir = Direction::ClientToServer,
              .conn = 1,
              .payload = "EHLO laptop\r\n",
              .note = "The client says hello and asks which extensions the server offers; "
                      "a long explanation that has to wrap over several lines.",
              .ref = "RFC 5321 §4.1.1.1"});
    t.append({.t = 43000,
              .kind = EventKind::Reply,
              .dir = Direction::ServerToClient,
              .conn = 1,
              .payload = "250-mail.maillab.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
                         "250 SMTPUTF8\r\n"});
    t.append({.t = 50000,
              .kind = EventKind::Queued,
              .host = 1,
              .value = 3,
              .payload = "bob@elsewhere.test",
              .note = "alice@maillab.test"});
    t.append({.t = 60000, .kind = EventKind::HostDown, .host = 1});
    t.append({.t = 70000,
              .kind = EventKind::Checkpoint,
              .value = 1,
              .payload = "the message waits in the queue"});
    return t;
}

}  // namespace

TEST_CASE("the transcript shows who says what to whom, with explanations") {
    std::ostringstream out;
    write_transcript(sample_trace(), out);
    const std::string text = out.str();
    REQUIRE(text.find("    0.001 s laptop       ─▶ mail.mailla… connect to port 587 (TCP SYN)") !=
            std::string::npos);
    REQUIRE(
        text.find("    0.021 s mail.mailla… ─▶ laptop       220 mail.maillab.test ESMTP maillab") !=
        std::string::npos);
    REQUIRE(text.find("RFC 5321 §4.1.1.1") != std::string::npos);
    REQUIRE(text.find("250-PIPELINING") != std::string::npos);
    REQUIRE(text.find("*** mail.maillab.test goes offline") != std::string::npos);
    REQUIRE(text.find("✓ the message waits in the queue") != std::string::npos);
    REQUIRE(text.find("message 3 from alice@maillab.test queued\n") != std::string::npos);
    // wrapped, indented past the time column
    REQUIRE(text.find("\n            for bob@elsewhere.test") != std::string::npos);
}

TEST_CASE("every transcript line fits 80 columns") {
    std::ostringstream out;
    write_transcript(sample_trace(), out);
    std::istringstream lines{out.str()};
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
        INFO(line);
        REQUIRE(display_width(line) <= 80);
        ++count;
    }
    REQUIRE(count > 10);
}

TEST_CASE("a line both engines report is shown once, from the server's side") {
    Trace t;
    t.append({.t = 0, .kind = EventKind::HostAdded, .host = 0, .payload = "laptop"});
    t.append({.t = 0, .kind = EventKind::HostAdded, .host = 1, .payload = "mail"});
    t.append({.t = 1,
              .kind = EventKind::TcpSyn,
              .host = 0,
              .peer = 1,
              .conn = 2,
              .value = 1,
              .aux = 110});
    t.append({.t = 2,
              .kind = EventKind::Command,
              .dir = Direction::ClientToServer,
              .host = 0,
              .conn = 2,
              .payload = "STAT\r\n",
              .note = "client view"});
    t.append({.t = 3,
              .kind = EventKind::Command,
              .dir = Direction::ClientToServer,
              .host = 1,
              .conn = 2,
              .payload = "STAT\r\n",
              .note = "server view"});
    std::ostringstream out;
    write_transcript(t, out);
    REQUIRE(out.str().find("server view") != std::string::npos);
    REQUIRE(out.str().find("client view") == std::string::npos);
}

TEST_CASE("long replies are cut after the configured number of lines") {
    Trace t;
    std::string reply;
    for (int i = 0; i < 30; ++i)
        reply += "250-line " + std::to_string(i) + "\r\n";
    t.append({.t = 0,
              .kind = EventKind::Reply,
              .dir = Direction::ServerToClient,
              .conn = 9,
              .payload = reply});
    std::ostringstream out;
    write_transcript(t, out, {.max_reply_lines = 5});
    REQUIRE(out.str().find("(+25 more lines)") != std::string::npos);
    REQUIRE(out.str().find("line 5") == std::string::npos);
}
