// How a packet in flight is drawn and what its label says, in words a
// student can follow: an envelope for application data, a small packet for
// TCP control and DNS, coloured by protocol, labelled "RETR 1",
// "+OK 212 octets", "SYN", "TLS record (encrypted)" — never escaped bytes.
#pragma once

#include <string>

#include "sim/state/world_state.hpp"
#include "viz/model/in_flight.hpp"
#include "viz/model/protocol.hpp"

namespace maillab::viz {

enum class PacketShape { Envelope, Packet, Lost };

struct PacketLook {
    PacketShape shape = PacketShape::Packet;
    ProtocolColor protocol = ProtocolColor::Tcp;
    std::string label;
    bool encrypted = false;  // a TLS record: drawn with a padlock
};

// The longest label, in characters; a longer first line is cut with "…".
inline constexpr std::size_t kPacketLabelChars = 24;

PacketLook packet_look(const sim::Trace& trace, const sim::WorldState& world,
                       const PacketInFlight& packet);

// What a TCP segment's payload is, in words: the first line of readable text
// (with " …" when more follows), or, for TLS records and other binary data,
// what it is and how long.
std::string segment_label(std::string_view payload);

}  // namespace maillab::viz
