// What the wire shows: cleartext sessions line by line (the password
// included), TLS records by type, length and first ciphertext octets.
#include "viz/model/wire_view.hpp"

#include <catch2/catch.hpp>

using namespace maillab;
using namespace maillab::viz;

TEST_CASE("wire view: a cleartext segment shows its lines, the password too") {
    const WireCapture c = capture_of("USER alice\r\nPASS wonderland\r\n");
    REQUIRE(c.readable);
    REQUIRE(c.lines == std::vector<std::string>{"USER alice", "PASS wonderland"});
    REQUIRE(c.records.empty());
}

TEST_CASE("wire view: TLS records by type and length, never as text") {
    std::string two{"\x17\x03\x03\x00\x03\xaa\xbb\xcc\x15\x03\x03\x00\x02\x01\x00", 15};
    const WireCapture c = capture_of(two);
    REQUIRE_FALSE(c.readable);
    REQUIRE(c.records.size() == 2);
    REQUIRE(c.records[0].kind == "application data");
    REQUIRE(c.records[0].length == 3);
    REQUIRE(c.records[0].first_octets == "aa bb cc");
    REQUIRE(c.records[1].kind == "alert");
}

TEST_CASE("wire view: binary that is not TLS is not passed off as text") {
    const WireCapture c = capture_of(std::string{"\x01\x02\x03", 3});
    REQUIRE_FALSE(c.readable);
    REQUIRE(c.octets == 3);
}

TEST_CASE("wire view: a connection's segments up to the playhead") {
    sim::Trace t;
    t.append({.kind = sim::EventKind::TcpSegment, .conn = 1, .payload = "EHLO a\r\n"});
    t.append({.kind = sim::EventKind::TcpSegment, .conn = 2, .payload = "CAPA\r\n"});
    t.append({.kind = sim::EventKind::TcpSegment, .conn = 1, .payload = "QUIT\r\n"});
    WireIndex index;
    index.index(t);
    REQUIRE(index.segments(1, t.size()).size() == 2);
    REQUIRE(index.segments(1, 2).size() == 1);
    REQUIRE(index.segments(3, t.size()).empty());
}
