#include "sim/export/transcript.hpp"

#include <algorithm>
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
    // A name longer than the name columns' limit is cut; the columns take its width.
    REQUIRE(text.find("    0.001 s laptop           ─▶ mail.maillab.te… connect to port 587") !=
            std::string::npos);
    REQUIRE(text.find("    0.021 s mail.maillab.te… ─▶ laptop           220 mail.maillab.test") !=
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

namespace {

// One SMTP submission as the server reports it: routine start, the real work, QUIT.
Trace submission(std::string_view auth_reply) {
    Trace t;
    SimTime now = 0;
    const auto line = [&](EventKind kind, std::string payload, std::string note = "") {
        now += 1000;
        t.append({.t = now,
                  .kind = kind,
                  .dir = kind == EventKind::Command ? Direction::ClientToServer
                                                    : Direction::ServerToClient,
                  .host = 1,
                  .conn = 4,
                  .payload = std::move(payload),
                  .note = std::move(note)});
    };
    t.append({.t = 0, .kind = EventKind::HostAdded, .host = 0, .payload = "bob-pc"});
    t.append({.t = 0, .kind = EventKind::HostAdded, .host = 1, .payload = "mail.example.org"});
    t.append({.t = 0, .kind = EventKind::TcpSyn, .host = 0, .peer = 1, .conn = 4, .aux = 587});
    line(EventKind::Reply, "220 mail.example.org ESMTP", "greeting explained");
    line(EventKind::Command, "EHLO bob-pc", "EHLO explained");
    line(EventKind::Reply, "250-mail.example.org\r\n250 STARTTLS");
    line(EventKind::Command, "STARTTLS");
    line(EventKind::Reply, "220 2.0.0 Ready to start TLS");
    line(EventKind::SessionNote, "TLS 1.3 established, TLS_AES_256_GCM_SHA384");
    line(EventKind::Command, "AUTH PLAIN ***");
    line(EventKind::Reply, std::string{auth_reply});
    line(EventKind::Command, "MAIL FROM:<bob@example.org>", "MAIL explained");
    line(EventKind::Reply, "250 2.1.0 Ok");
    line(EventKind::Command, "QUIT", "QUIT explained");
    line(EventKind::Reply, "221 2.0.0 Bye");
    return t;
}

std::string transcript_of(const Trace& trace, TranscriptOptions options) {
    std::ostringstream out;
    write_transcript(trace, out, options);
    return out.str();
}

// The text with each line break and the indent after it as one space, so a
// phrase is found however it was wrapped.
bool has(const std::string& text, std::string_view part) {
    std::string flat;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\n') {
            flat.push_back(text[i]);
            continue;
        }
        flat.push_back(' ');
        while (i + 1 < text.size() && text[i + 1] == ' ')
            ++i;
    }
    return flat.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("host names up to sixteen columns are not cut") {
    const std::string text = transcript_of(submission("235 2.7.0 Authentication successful"), {});
    REQUIRE(has(text, "bob-pc           ─▶ mail.example.org MAIL FROM:<bob@example.org>"));
    REQUIRE(has(text, "mail.example.org ─▶ bob-pc           250 2.1.0 Ok"));
}

TEST_CASE("folding: a session's routine start and its QUIT are one line each") {
    const Trace t = submission("235 2.7.0 Authentication successful");
    const std::string full = transcript_of(t, {});
    const std::string folded = transcript_of(t, {.fold_routine = true});
    REQUIRE(has(full, "EHLO bob-pc"));
    REQUIRE(has(full, "AUTH PLAIN ***"));
    REQUIRE_FALSE(has(folded, "EHLO bob-pc"));
    REQUIRE_FALSE(has(folded, "AUTH PLAIN"));
    REQUIRE_FALSE(has(folded, "greeting explained"));
    REQUIRE(has(folded, "port 587: connected, EHLO, TLS 1.3 via STARTTLS, logged in ("));
    REQUIRE_FALSE(has(folded, "in clear"));
    REQUIRE(has(folded, "MAIL FROM:<bob@example.org>"));
    REQUIRE(has(folded, "MAIL explained"));
    REQUIRE(has(folded, "QUIT: 221 2.0.0 Bye"));
    REQUIRE_FALSE(has(folded, "QUIT explained"));
    // The count is of the lines the full transcript shows for the folded phase.
    const std::size_t start = full.rfind('\n', full.find("connect to port 587")) + 1;
    const std::size_t end = full.rfind('\n', full.find("MAIL FROM:")) + 1;
    const auto lines = std::count(full.begin() + static_cast<std::ptrdiff_t>(start),
                                  full.begin() + static_cast<std::ptrdiff_t>(end), '\n');
    REQUIRE(lines > 5);
    REQUIRE(has(folded, "(" + std::to_string(lines) + " lines folded)"));
}

TEST_CASE("folding: a refusal during the routine start shows the start in full") {
    const Trace t = submission("535 5.7.8 Auth failed");
    const std::string folded = transcript_of(t, {.fold_routine = true});
    REQUIRE(has(folded, "EHLO bob-pc"));
    REQUIRE(has(folded, "AUTH PLAIN ***"));
    REQUIRE(has(folded, "535 5.7.8 Auth failed"));
    REQUIRE_FALSE(has(folded, "lines folded"));
}

TEST_CASE("an explanation given once is not repeated when asked") {
    Trace t;
    for (int i = 0; i < 2; ++i) {
        t.append({.t = i * 10,
                  .kind = EventKind::Reply,
                  .dir = Direction::ServerToClient,
                  .conn = 9,
                  .payload = "+OK " + std::to_string(i + 1) + " messages",
                  .note = "+OK: " + std::to_string(i + 1) + " messages in all",
                  .ref = "RFC 1939 §5"});
    }
    REQUIRE(transcript_of(t, {}).find("messages in all") !=
            transcript_of(t, {}).rfind("messages in all"));
    const std::string once = transcript_of(t, {.explain_once = true});
    REQUIRE(once.find("messages in all") == once.rfind("messages in all"));
    REQUIRE(has(once, "+OK: 1 messages in all (RFC 1939 §5)"));
}

TEST_CASE("a command the server does not know is explained after the refusal, once") {
    Trace t;
    t.append({.t = 1,
              .kind = EventKind::Command,
              .dir = Direction::ClientToServer,
              .conn = 3,
              .payload = "RETR 1",
              .note = "500 means the command was not understood."});
    t.append({.t = 2,
              .kind = EventKind::Reply,
              .dir = Direction::ServerToClient,
              .conn = 3,
              .payload = "500 5.5.2 Error: command not recognized",
              .note = "500 means the command was not understood."});
    const std::string text = transcript_of(t, {});
    REQUIRE(text.find("not understood") == text.rfind("not understood"));
    REQUIRE(text.find("500 5.5.2 Error") < text.find("not understood"));
}

TEST_CASE("folding: a login before any TLS says the password went in clear") {
    Trace t;
    t.append({.t = 0, .kind = EventKind::HostAdded, .host = 0, .payload = "laptop"});
    t.append({.t = 0, .kind = EventKind::HostAdded, .host = 1, .payload = "mail.example.org"});
    t.append({.t = 1, .kind = EventKind::TcpSyn, .host = 0, .peer = 1, .conn = 2, .aux = 110});
    const std::vector<std::pair<EventKind, std::string>> lines{
        {EventKind::Reply, "+OK ready"},     {EventKind::Command, "USER alice"},
        {EventKind::Reply, "+OK"},           {EventKind::Command, "PASS wonderland"},
        {EventKind::Reply, "+OK Logged in"}, {EventKind::Command, "STAT"},
        {EventKind::Reply, "+OK 1 203"},
    };
    SimTime now = 1;
    for (const auto& [kind, payload] : lines) {
        t.append({.t = ++now,
                  .kind = kind,
                  .dir = kind == EventKind::Command ? Direction::ClientToServer
                                                    : Direction::ServerToClient,
                  .host = 1,
                  .conn = 2,
                  .payload = payload});
    }
    const std::string folded = transcript_of(t, {.fold_routine = true});
    REQUIRE(has(folded, "port 110: connected, logged in as alice with the password in clear"));
    REQUIRE_FALSE(has(folded, "PASS wonderland"));
    REQUIRE(has(folded, "STAT"));
}
