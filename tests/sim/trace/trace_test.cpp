#include "sim/trace/trace.hpp"

#include <catch2/catch.hpp>

using namespace maillab::sim;

TEST_CASE("events get consecutive sequence numbers and keep their text") {
    Trace trace;
    trace.append({.t = 0,
                  .kind = EventKind::HostAdded,
                  .host = 0,
                  .value = 0x0A000001,
                  .payload = "laptop",
                  .note = "device"});
    trace.append({.t = 5,
                  .kind = EventKind::Command,
                  .dir = Direction::ClientToServer,
                  .host = 0,
                  .conn = 3,
                  .payload = "EHLO laptop\r\n",
                  .note = "the client says hello",
                  .ref = "RFC 5321 §4.1.1.1"});
    REQUIRE(trace.size() == 2);
    REQUIRE(trace[0].seq == 0);
    REQUIRE(trace[1].seq == 1);
    REQUIRE(trace.payload(trace[0]) == "laptop");
    REQUIRE(trace.note(trace[0]) == "device");
    REQUIRE(trace.payload(trace[1]) == "EHLO laptop\r\n");
    REQUIRE(trace.ref(trace[1]) == "RFC 5321 §4.1.1.1");
    REQUIRE(trace.ref(trace[0]).empty());
}

TEST_CASE("events at the same time keep their order of arrival") {
    Trace trace;
    for (int i = 0; i < 5; ++i) {
        trace.append({.t = 100, .kind = EventKind::SessionNote, .value = i});
    }
    for (std::size_t i = 0; i < 5; ++i) {
        REQUIRE(trace[i].value == static_cast<std::int64_t>(i));
        REQUIRE(trace[i].seq == i);
    }
}

TEST_CASE("time going backwards is refused") {
    Trace trace;
    trace.append({.t = 10});
    REQUIRE_THROWS_AS(trace.append({.t = 9}), std::logic_error);
    REQUIRE(trace.size() == 1);
}

TEST_CASE("text stays readable after the arena grows") {
    Trace trace;
    trace.append({.t = 0, .payload = "first"});
    for (int i = 0; i < 1000; ++i)
        trace.append({.t = 1, .payload = std::string(100, 'x')});
    REQUIRE(trace.payload(trace[0]) == "first");
    REQUIRE(trace.arena_octets() == 5 + 1000 * 100);
}

TEST_CASE("text across arena blocks, and a field larger than a block, reads back whole") {
    Trace trace;
    std::vector<std::string> expected;
    const std::size_t sizes[] = {3'000'000, 2'000'000, 5'000'000, 1, 4'194'304, 700'000};
    char fill = 'a';
    for (const std::size_t size : sizes) {
        expected.emplace_back(size, fill++);
        trace.append({.t = 0, .payload = expected.back(), .note = "n"});
    }
    std::size_t total = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(trace.payload(trace[i]) == expected[i]);
        CHECK(trace.note(trace[i]) == "n");
        total += expected[i].size() + 1;
    }
    CHECK(trace.arena_octets() == total);
    CHECK(trace.text(PayloadRef{.offset = 1'000'000'000, .length = 4}).empty());
}

TEST_CASE("listeners see each event as it is appended") {
    Trace trace;
    std::vector<std::string> seen;
    trace.subscribe([&](const Trace& t, const Event& e) { seen.emplace_back(t.payload(e)); });
    trace.append({.t = 0, .payload = "a"});
    trace.append({.t = 0, .payload = "b"});
    REQUIRE(seen == std::vector<std::string>{"a", "b"});
}

TEST_CASE("every event kind has a unique name that maps back") {
    for (std::uint16_t i = 0; i <= static_cast<std::uint16_t>(EventKind::Narration); ++i) {
        const auto kind = static_cast<EventKind>(i);
        REQUIRE(to_string(kind) != "unknown");
        REQUIRE(event_kind_from_string(to_string(kind)) == kind);
    }
    REQUIRE_FALSE(event_kind_from_string("no_such_kind"));
}

TEST_CASE("a text budget releases the oldest text and keeps every event") {
    Trace trace;
    trace.set_text_budget(std::size_t{9} << 20);  // room for about two 4 MiB blocks
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 40; ++i)
        trace.append({.t = i, .payload = chunk, .note = "n"});
    REQUIRE(trace.size() == 40);
    CHECK(trace.arena_octets() == 40 * (chunk.size() + 1));
    CHECK(trace.held_octets() <= (std::size_t{9} << 20) + (std::size_t{4} << 20));
    CHECK(trace.held_octets() >= std::size_t{4} << 20);
    // The first events kept their place and time but not their bytes.
    CHECK(trace[0].t == 0);
    CHECK(trace[0].payload.length == chunk.size());
    CHECK(trace.payload(trace[0]).empty());
    CHECK(trace.released(trace[0].payload));
    // The newest read back whole.
    CHECK(trace.payload(trace[39]) == chunk);
    CHECK(trace.note(trace[39]) == "n");
    CHECK_FALSE(trace.released(trace[39].payload));
}

TEST_CASE("without a budget nothing is released") {
    Trace trace;
    const std::string chunk(1 << 20, 'y');
    for (int i = 0; i < 12; ++i)
        trace.append({.t = 0, .payload = chunk});
    CHECK(trace.held_octets() == trace.arena_octets());
    CHECK(trace.payload(trace[0]) == chunk);
    CHECK_FALSE(trace.released(trace[0].payload));
}
