// A segment layer by layer: IP, TCP, TLS, application.
#include "viz/model/packet_layers.hpp"

#include <catch2/catch.hpp>

using namespace maillab;
using namespace maillab::viz;

TEST_CASE("packet layers: a cleartext POP3 segment and a TLS one") {
    sim::Trace t;
    t.append({.kind = sim::EventKind::HostAdded,
              .host = 0,
              .value = 0xC6336410,
              .payload = "laptop",
              .note = "device"});
    t.append({.kind = sim::EventKind::HostAdded,
              .host = 1,
              .value = 0xC000020A,
              .payload = "mail",
              .note = "server"});
    t.append({.kind = sim::EventKind::TcpSyn,
              .host = 0,
              .peer = 1,
              .conn = 3,
              .value = 49152,
              .aux = 110});
    t.append({.kind = sim::EventKind::TcpSegment,
              .dir = sim::Direction::ClientToServer,
              .host = 0,
              .peer = 1,
              .conn = 3,
              .payload = "PASS wonderland\r\n"});
    t.append({.kind = sim::EventKind::TcpSegment,
              .dir = sim::Direction::ServerToClient,
              .host = 1,
              .peer = 0,
              .conn = 3,
              .payload = std::string{"\x17\x03\x03\x00\x02\xab\xcd", 7}});
    sim::WorldState w;
    for (const auto& e : t.events())
        w.apply(t, e);
    const auto clear = packet_layers(t, w, 3);
    REQUIRE(clear.size() == 4);
    REQUIRE(clear[0].lines[0] == "from 198.51.100.16 (laptop)");
    REQUIRE(clear[1].lines[0] == "port 49152 → 110");
    REQUIRE(clear[2].lines[0] == "none: the data travels in the clear");
    REQUIRE(clear[3].lines[0] == "PASS wonderland");
    const auto secret = packet_layers(t, w, 4);
    REQUIRE(secret[1].lines[0] == "port 110 → 49152");
    REQUIRE(secret[2].lines[0] == "application data, 2 octets: ab cd");
    REQUIRE(secret[3].lines[0] == "encrypted: only the two ends can read it");
    REQUIRE(packet_layers(t, w, 2).empty());  // the SYN is not a data segment
}
