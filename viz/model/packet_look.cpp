#include "viz/model/packet_look.hpp"

#include <algorithm>
#include <utility>

#include "sim/export/text_layout.hpp"

namespace maillab::viz {

namespace {

// TLS record content types (RFC 8446 §5.1) and the major version byte every record carries.
constexpr unsigned char kChangeCipherSpec = 20;
constexpr unsigned char kAlert = 21;
constexpr unsigned char kHandshake = 22;
constexpr unsigned char kApplicationData = 23;
constexpr unsigned char kTlsMajorVersion = 3;

// TCP segments without data, named by their flags.
constexpr std::pair<sim::EventKind, const char*> kTcpControl[] = {
    {sim::EventKind::TcpSyn, "SYN"}, {sim::EventKind::TcpSynAck, "SYN-ACK"},
    {sim::EventKind::TcpAck, "ACK"}, {sim::EventKind::TcpFin, "FIN"},
    {sim::EventKind::TcpRst, "RST"},
};

bool looks_like_tls_record(std::string_view bytes) {
    if (bytes.size() < 5) return false;
    const auto type = static_cast<unsigned char>(bytes[0]);
    return type >= kChangeCipherSpec && type <= kApplicationData &&
           static_cast<unsigned char>(bytes[1]) == kTlsMajorVersion;
}

std::string tls_record_label(std::string_view bytes) {
    switch (static_cast<unsigned char>(bytes[0])) {
        case kHandshake:
            return "TLS handshake";
        case kChangeCipherSpec:
            return "TLS change cipher spec";
        case kAlert:
            return "TLS alert";
        default:
            return "TLS record (encrypted)";
    }
}

bool readable(std::string_view line) {
    return std::all_of(line.begin(), line.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b >= 0x20 || b == '\t' || b == '\r';
    });
}

std::string octets(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " octet" : " octets");
}

}  // namespace

std::string segment_label(std::string_view payload) {
    if (payload.empty()) return "empty segment";
    if (looks_like_tls_record(payload)) return tls_record_label(payload);
    const std::size_t lf = payload.find('\n');
    std::string_view first = payload.substr(0, lf);
    if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
    if (first.empty() || !readable(first) || sim::printable(first) != first)
        return octets(payload.size()) + " of data";
    const bool more = lf != std::string_view::npos && lf + 1 < payload.size();
    std::string label = sim::fit(first, kPacketLabelChars);
    if (more && label.size() == first.size()) label += " …";
    return label;
}

PacketLook packet_look(const sim::Trace& trace, const sim::WorldState& world,
                       const PacketInFlight& packet) {
    const sim::Event& e = trace[packet.event];
    PacketLook look;
    const auto conn = world.connections.find(e.conn);
    look.protocol = conn == world.connections.end() ? ProtocolColor::Tcp
                                                    : protocol_for_port(conn->second.server_port);
    for (const auto& [kind, flag] : kTcpControl) {
        if (e.kind == kind) {
            look.label = flag;
            return look;
        }
    }
    switch (e.kind) {
        case sim::EventKind::TcpSegmentLost:
            look.shape = PacketShape::Lost;
            look.label =
                "lost: " + octets(static_cast<std::size_t>(std::max<std::int64_t>(e.value, 0)));
            return look;
        case sim::EventKind::DnsQuery:
            look.protocol = ProtocolColor::Dns;
            look.label = "DNS? " + sim::fit(sim::printable(trace.payload(e)), kPacketLabelChars);
            return look;
        case sim::EventKind::DnsAnswer:
            look.protocol = ProtocolColor::Dns;
            look.label = "DNS answer";
            return look;
        default:
            break;
    }
    const std::string_view payload = trace.payload(e);
    look.shape = PacketShape::Envelope;
    look.label = segment_label(payload);
    look.encrypted = looks_like_tls_record(payload);
    return look;
}

}  // namespace maillab::viz
