// The sniffer a lesson places on a link: it captures the segments whose route
// crosses that link from its step on, reads a cleartext session (password
// included) and, once TLS is up, only records — beside which the window shows
// what the endpoints saw of each.
#include "viz/model/sniffer_capture.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "sim/lesson/lesson_list.hpp"
#include "sim/lesson_run/lesson_run.hpp"
#include "viz/model/wire_view.hpp"

using namespace maillab;
using namespace maillab::viz;

namespace {

// The lesson played to its end, once for every test case.
const sim::Trace& ports_and_tls() {
    static const auto spec = [] {
        const char* src = std::getenv("MAILLAB_SOURCE_DIR");
        REQUIRE(src != nullptr);
        auto result =
            sim::lesson::load_lesson(std::filesystem::path{src} / "lessons" / "ports-and-tls.toml");
        REQUIRE(result.ok());
        return std::move(result.lesson);
    }();
    static sim::LessonRun run{*spec, spec->seed.value_or(1)};
    while (!run.finished())
        run.run_step();
    return run.trace();
}

// Trace index of the LessonStep event of `step` (1 = first), or the trace's end.
std::size_t step_start(const sim::Trace& trace, std::int64_t step) {
    for (std::size_t i = 0; i < trace.size(); ++i) {
        if (trace[i].kind == sim::EventKind::LessonStep && trace[i].value == step) return i;
    }
    return trace.size();
}

bool captured_text(const sim::Trace& trace, std::span<const std::size_t> segments, std::size_t from,
                   std::string_view text) {
    for (const std::size_t i : segments) {
        if (i >= from && trace.payload(trace[i]).find(text) != std::string_view::npos) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("sniffer: on the laptop's link it reads POP3 on 110 and only TLS records on 995") {
    const sim::Trace& trace = ports_and_tls();
    SnifferCapture sniffer{{"laptop", "internet", 1}};
    sniffer.index(trace);
    REQUIRE(sniffer.hosts().has_value());
    const std::size_t step1 = step_start(trace, 1), step3 = step_start(trace, 3),
                      step4 = step_start(trace, 4);
    REQUIRE(step4 < trace.size());
    CHECK_FALSE(sniffer.active(step1));
    CHECK(sniffer.active(step1 + 1));

    const auto all = sniffer.segments(trace.size());
    REQUIRE_FALSE(all.empty());
    for (const std::size_t i : all) {
        REQUIRE(i > step1);
        const sim::Event& e = trace[i];
        REQUIRE((e.kind == sim::EventKind::TcpSegment || e.kind == sim::EventKind::TcpRetransmit));
        // Every segment was sent or received by the laptop: it is the one host behind that link.
        REQUIRE((e.host == sniffer.hosts()->first || e.peer == sniffer.hosts()->first));
    }
    // Step 1 is cleartext: the password crossed the link as it is.
    CHECK(captured_text(trace, sniffer.segments(step3), step1, "PASS wonderland"));
    // Step 3 is POP3S: from the first byte, every segment is TLS records.
    std::size_t in_step3 = 0;
    for (const std::size_t i : sniffer.segments(step4)) {
        if (i < step3) continue;
        ++in_step3;
        const WireCapture c = capture_of(trace.payload(trace[i]));
        REQUIRE_FALSE(c.readable);
        REQUIRE_FALSE(c.records.empty());
    }
    CHECK(in_step3 > 0);
    // The playhead decides what has been captured so far.
    CHECK(sniffer.segments(step3).size() < all.size());
}

TEST_CASE("sniffer: a link no route crosses captures nothing") {
    const sim::Trace& trace = ports_and_tls();
    SnifferCapture sniffer{{"dns.maillab.test", "internet", 0}};
    sniffer.index(trace);
    REQUIRE(sniffer.hosts().has_value());
    CHECK(sniffer.active(1));
    // The laptop knows the server by its address in this lesson: nothing asks the DNS.
    CHECK(sniffer.segments(trace.size()).empty());
}

TEST_CASE("sniffer: beside an encrypted segment, the command its records carried") {
    const sim::Trace& trace = ports_and_tls();
    SnifferCapture sniffer{{"laptop", "internet", 1}};
    sniffer.index(trace);
    const std::size_t step2 = step_start(trace, 2), step3 = step_start(trace, 3);
    bool pass_seen = false, plain_seen = false;
    for (const std::size_t i : sniffer.segments(step3)) {
        const std::string text = endpoint_text(trace, i);
        const WireCapture c = capture_of(trace.payload(trace[i]));
        if (i > step2 && !c.readable && text == "PASS wonderland") pass_seen = true;
        if (c.readable && text == "STLS") plain_seen = true;
        // A handshake record carries no command.
        if (!c.records.empty() && c.records.front().kind == "handshake") CHECK(text.empty());
    }
    CHECK(pass_seen);
    CHECK(plain_seen);
    CHECK(endpoint_text(trace, trace.size()).empty());
}
