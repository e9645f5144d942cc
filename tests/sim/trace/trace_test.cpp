#include "sim/trace/trace.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

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

namespace {

// 100 octets that no other i begins with, so none is shared.
std::string distinct_text(int i) {
    std::string text = std::to_string(i) + ":";
    text.resize(100, static_cast<char>('a' + i % 26));
    return text;
}

}  // namespace

TEST_CASE("text stays readable after the arena grows") {
    Trace trace;
    trace.append({.t = 0, .payload = "first"});
    for (int i = 0; i < 1000; ++i)
        trace.append({.t = 1, .payload = distinct_text(i)});
    REQUIRE(trace.payload(trace[0]) == "first");
    for (int i = 0; i < 1000; ++i)
        REQUIRE(trace.payload(trace[static_cast<std::size_t>(i) + 1]) == distinct_text(i));
    REQUIRE(trace.arena_octets() == 5 + 1000 * 100);
}

TEST_CASE("a text the trace holds already is shared, not written again") {
    Trace trace;
    const std::string note = "RCPT names one recipient of the message; the client sends one RCPT";
    for (int i = 0; i < 1000; ++i)
        trace.append(
            {.t = 1, .payload = distinct_text(i), .note = note, .ref = "RFC 5321 §4.1.1.3"});
    for (std::size_t i = 0; i < trace.size(); ++i) {
        REQUIRE(trace.note(trace[i]) == note);
        REQUIRE(trace.ref(trace[i]) == "RFC 5321 §4.1.1.3");
        REQUIRE(trace.payload(trace[i]) == distinct_text(static_cast<int>(i)));
    }
    CHECK(trace.arena_octets() ==
          note.size() + std::string_view{"RFC 5321 §4.1.1.3"}.size() + 1000 * 100);
}

TEST_CASE("a reply, the segments cut from it and the reply as received share one copy") {
    std::string reply = "+OK 3000 octets\r\n";
    for (int line = 0; reply.size() < 3000; ++line)
        reply += "Line " + std::to_string(line) + " of a message body\r\n";
    reply += ".";
    const std::string wire = reply + "\r\n";  // the event leaves the line end out
    Trace trace;
    trace.append({.t = 0,
                  .kind = EventKind::Reply,
                  .payload = reply,
                  .note = "the message the client asked for"});
    std::vector<std::string> segments;
    for (std::size_t at = 0; at < wire.size(); at += 1460)
        segments.push_back(wire.substr(at, 1460));
    for (const auto& segment : segments)
        trace.append({.t = 1, .kind = EventKind::TcpSegment, .payload = segment});
    trace.append({.t = 2,
                  .kind = EventKind::Reply,
                  .payload = reply,
                  .note = "the message the client asked for"});

    CHECK(trace.payload(trace[0]) == reply);
    for (std::size_t i = 0; i < segments.size(); ++i)
        CHECK(trace.payload(trace[i + 1]) == segments[i]);
    CHECK(trace.payload(trace.events().back()) == reply);
    CHECK(trace.note(trace.events().back()) == "the message the client asked for");
    // The reply once, and the last segment, which ends in the CRLF the reply lacks.
    CHECK(trace.arena_octets() == reply.size() + segments.back().size() + 32);
}

TEST_CASE("responses the receiver reports from consecutive segments share their octets") {
    // An IMAP FETCH stream: two responses cut into segments that ignore their
    // boundaries; the client reports each response without its CRLF.
    const auto response = [](int n) {
        std::string text = "* " + std::to_string(n) + " FETCH (BODY[] {2000}\r\n";
        text += std::string(2000, static_cast<char>('k' + n));
        return text + ")";
    };
    const std::string stream = response(1) + "\r\n" + response(2) + "\r\n";
    Trace trace;
    for (std::size_t at = 0; at < stream.size(); at += 1460)
        trace.append({.t = 0, .kind = EventKind::TcpSegment, .payload = stream.substr(at, 1460)});
    const std::size_t segment_octets = trace.arena_octets();
    trace.append({.t = 1, .kind = EventKind::Reply, .payload = response(1)});
    trace.append({.t = 1, .kind = EventKind::Reply, .payload = response(2)});
    CHECK(segment_octets == stream.size());
    CHECK(trace.arena_octets() == stream.size());
    CHECK(trace.payload(trace[trace.size() - 2]) == response(1));
    CHECK(trace.payload(trace[trace.size() - 1]) == response(2));
}

TEST_CASE("text is shared only within the newest block, so a budget releases oldest first") {
    Trace trace;
    const std::string repeated = distinct_text(-1);
    trace.append({.t = 0, .payload = repeated});
    // Fill the first 4 MiB block with other text, so the next goes to a new block.
    const std::string filler(std::size_t{1} << 20, 'f');
    for (int i = 0; i < 4; ++i)
        trace.append({.t = 0, .payload = std::to_string(i) + filler});
    const std::size_t before = trace.arena_octets();
    trace.append({.t = 1, .payload = repeated});
    CHECK(trace.arena_octets() == before + repeated.size());  // written again, in the new block
    trace.set_text_budget(std::size_t{2} << 20);
    CHECK(trace.released(trace[0].payload));
    CHECK_FALSE(trace.released(trace.events().back().payload));
    CHECK(trace.payload(trace.events().back()) == repeated);
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
    // Each chunk begins differently, so none is shared.
    const auto chunk_at = [](int i) { return std::to_string(i) + std::string(1 << 20, 'x'); };
    std::size_t total = 0;
    for (int i = 0; i < 40; ++i) {
        trace.append({.t = i, .payload = chunk_at(i), .note = "n"});
        total += chunk_at(i).size() + 1;
    }
    REQUIRE(trace.size() == 40);
    CHECK(trace.arena_octets() == total);
    CHECK(trace.held_octets() <= (std::size_t{9} << 20) + (std::size_t{4} << 20));
    CHECK(trace.held_octets() >= std::size_t{4} << 20);
    // The first events kept their place and time but not their bytes.
    CHECK(trace[0].t == 0);
    CHECK(trace[0].payload.length == chunk_at(0).size());
    CHECK(trace.payload(trace[0]).empty());
    CHECK(trace.released(trace[0].payload));
    // The newest read back whole.
    CHECK(trace.payload(trace[39]) == chunk_at(39));
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
