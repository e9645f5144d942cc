// Packets in flight read as words: a command's first line, a TLS record by
// its type, binary data by its length — never escaped bytes; and their
// labels never cover a host's box or each other.
#include "viz/model/packet_look.hpp"

#include <catch2/catch.hpp>

#include "viz/model/label_placement.hpp"

using namespace maillab;
using namespace maillab::viz;

TEST_CASE("packet labels: commands and replies by their first line") {
    REQUIRE(segment_label("RETR 1\r\n") == "RETR 1");
    REQUIRE(segment_label("+OK 212 octets\r\nReceived: from x\r\n") == "+OK 212 octets …");
    REQUIRE(segment_label("a very long line of message text that goes on\r\n") ==
            "a very long line of mes…");
}

TEST_CASE("packet labels: TLS records by type, never as escaped bytes") {
    REQUIRE(segment_label(std::string{"\x17\x03\x03\x00\x22\x1d\x01\x02", 8}) ==
            "TLS record (encrypted)");
    REQUIRE(segment_label(std::string{"\x16\x03\x01\x00\x05hello", 10}) == "TLS handshake");
    REQUIRE(segment_label(std::string{"\x15\x03\x03\x00\x02\x01\x00", 7}) == "TLS alert");
    REQUIRE(segment_label(std::string{"\x01\x02\xff\xfe", 4}) == "4 octets of data");
    REQUIRE(segment_label("") == "empty segment");
}

TEST_CASE("packet labels: TCP control, DNS and loss") {
    sim::Trace t;
    t.append(
        {.t = 0, .kind = sim::EventKind::HostAdded, .host = 0, .payload = "a", .note = "device"});
    t.append(
        {.t = 0, .kind = sim::EventKind::HostAdded, .host = 1, .payload = "b", .note = "server"});
    t.append({.t = 1,
              .kind = sim::EventKind::TcpSyn,
              .host = 0,
              .peer = 1,
              .conn = 1,
              .value = 4000,
              .aux = 110});
    t.append({.t = 2,
              .kind = sim::EventKind::DnsQuery,
              .host = 0,
              .peer = 1,
              .payload = "MX example.net"});
    t.append({.t = 3,
              .kind = sim::EventKind::TcpSegmentLost,
              .host = 0,
              .peer = 1,
              .conn = 1,
              .value = 12});
    sim::WorldState w;
    for (const auto& e : t.events())
        w.apply(t, e);
    const auto syn = packet_look(t, w, {.event = 2, .from = 0, .to = 1});
    REQUIRE(syn.label == "SYN");
    REQUIRE(syn.shape == PacketShape::Packet);
    const auto dns = packet_look(t, w, {.event = 3, .from = 0, .to = 1});
    REQUIRE(dns.label == "DNS? MX example.net");
    REQUIRE(dns.protocol == ProtocolColor::Dns);
    const auto lost = packet_look(t, w, {.event = 4, .from = 0, .to = 1});
    REQUIRE(lost.shape == PacketShape::Lost);
    REQUIRE(lost.label == "lost: 12 octets");
}

TEST_CASE("packet labels avoid host boxes and each other, or are left out") {
    const std::vector<Rect> boxes{{0, 0, 100, 50}, {300, 0, 100, 50}};
    const Rect bounds{0, 0, 400, 300};
    std::vector<LabelRequest> requests;
    for (int i = 0; i < 12; ++i)
        requests.push_back({{200, 25}, 80, 20, {10, 6}});  // a burst of packets at one place
    requests.push_back({{50, 56}, 80, 20, {10, 6}});       // a packet just leaving a host
    const auto placed = place_labels(requests, boxes, bounds, 4);
    std::vector<Rect> shown;
    for (const auto& r : placed) {
        if (!r) continue;
        for (const auto& q : requests)  // never over a packet
            REQUIRE_FALSE(r->overlaps(
                {q.anchor.x - q.reach.x, q.anchor.y - q.reach.y, q.reach.x * 2, q.reach.y * 2}));
        REQUIRE(bounds.contains(*r));
        for (const Rect& b : boxes)
            REQUIRE_FALSE(r->overlaps(b));
        for (const Rect& s : shown)
            REQUIRE_FALSE(r->overlaps(s));
        shown.push_back(*r);
    }
    REQUIRE(shown.size() >= 3);
    REQUIRE(placed.back().has_value());  // below the host's box, not on it
}

TEST_CASE("a packet leaves a host's box at its edge, not from its centre") {
    const Rect box{0, 0, 100, 50};
    const Point right = leave_box(box, {300, 25});
    REQUIRE(right.x == Approx(100));
    REQUIRE(right.y == Approx(25));
    const Point below = leave_box(box, {50, 200});
    REQUIRE(below.y == Approx(50));
    const Point inside = leave_box(box, {60, 30});
    REQUIRE(inside.x == Approx(50));
}
