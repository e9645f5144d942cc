#include "sim/export/pcap_export.hpp"

#include <array>
#include <cstdint>
#include <fstream>
#include <map>
#include <string_view>
#include <vector>

namespace maillab::sim {

namespace {

constexpr std::uint32_t kSnapLength = 262144;
constexpr std::size_t kEthernetOctets = 14;
constexpr std::size_t kIpv4Octets = 20;
constexpr std::size_t kTcpOctets = 20;
constexpr std::size_t kMaxPayloadPerPacket = 65535 - kIpv4Octets - kTcpOctets;

enum TcpFlag : std::uint8_t { kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10 };

struct Endpoint {
    std::uint32_t ip = 0;
    std::uint16_t port = 0;
    HostId host = kNoHost;
};

struct Flow {
    Endpoint client;
    Endpoint server;
    std::uint32_t next_seq[2] = {0, 0};  // [0] client->server, [1] server->client
};

void put16(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v) {
    b[at] = static_cast<std::uint8_t>(v >> 8);
    b[at + 1] = static_cast<std::uint8_t>(v);
}
void put32(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v) {
    put16(b, at, v >> 16);
    put16(b, at + 2, v & 0xFFFF);
}

std::uint32_t ones_complement_sum(const std::uint8_t* data, std::size_t n, std::uint32_t sum) {
    for (std::size_t i = 0; i + 1 < n; i += 2)
        sum += static_cast<std::uint32_t>(data[i] << 8 | data[i + 1]);
    if (n % 2 == 1) sum += static_cast<std::uint32_t>(data[n - 1] << 8);
    return sum;
}

std::uint16_t fold(std::uint32_t sum) {
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum & 0xFFFF);
}

// A locally administered MAC made from the host id, so each host is distinct.
void put_mac(std::vector<std::uint8_t>& b, std::size_t at, HostId host) {
    const std::array<std::uint8_t, 6> mac{0x02,
                                          0x6D,
                                          0x6C,
                                          static_cast<std::uint8_t>(host >> 16),
                                          static_cast<std::uint8_t>(host >> 8),
                                          static_cast<std::uint8_t>(host)};
    for (std::size_t i = 0; i < 6; ++i)
        b[at + i] = mac[i];
}

std::vector<std::uint8_t> build_packet(const Endpoint& from, const Endpoint& to, std::uint32_t seq,
                                       std::uint32_t ack, std::uint8_t flags,
                                       std::string_view payload) {
    const std::size_t ip_total = kIpv4Octets + kTcpOctets + payload.size();
    std::vector<std::uint8_t> b(kEthernetOctets + ip_total, 0);
    put_mac(b, 0, to.host);
    put_mac(b, 6, from.host);
    put16(b, 12, 0x0800);

    const std::size_t ip = kEthernetOctets;
    b[ip] = 0x45;
    put16(b, ip + 2, static_cast<std::uint32_t>(ip_total));
    put16(b, ip + 6, 0x4000);  // don't fragment
    b[ip + 8] = 64;
    b[ip + 9] = 6;  // TCP
    put32(b, ip + 12, from.ip);
    put32(b, ip + 16, to.ip);
    put16(b, ip + 10, fold(ones_complement_sum(&b[ip], kIpv4Octets, 0)));

    const std::size_t tcp = ip + kIpv4Octets;
    put16(b, tcp, from.port);
    put16(b, tcp + 2, to.port);
    put32(b, tcp + 4, seq);
    put32(b, tcp + 8, (flags & kAck) ? ack : 0);
    b[tcp + 12] = 0x50;
    b[tcp + 13] = flags;
    put16(b, tcp + 14, 65535);
    for (std::size_t i = 0; i < payload.size(); ++i) {
        b[tcp + kTcpOctets + i] = static_cast<std::uint8_t>(payload[i]);
    }
    // TCP checksum over the pseudo-header, header and payload.
    std::array<std::uint8_t, 12> pseudo{};
    for (int i = 0; i < 4; ++i) {
        pseudo[static_cast<std::size_t>(i)] = b[ip + 12 + static_cast<std::size_t>(i)];
        pseudo[static_cast<std::size_t>(4 + i)] = b[ip + 16 + static_cast<std::size_t>(i)];
    }
    pseudo[9] = 6;
    const auto tcp_length = static_cast<std::uint32_t>(kTcpOctets + payload.size());
    pseudo[10] = static_cast<std::uint8_t>(tcp_length >> 8);
    pseudo[11] = static_cast<std::uint8_t>(tcp_length);
    std::uint32_t sum = ones_complement_sum(pseudo.data(), pseudo.size(), 0);
    sum = ones_complement_sum(&b[tcp], tcp_length, sum);
    put16(b, tcp + 16, fold(sum));
    return b;
}

// The classic pcap file format (what libpcap's pcap_dump writes), little-endian:
// a global header, then a record header before each packet. Written here
// rather than through libpcap so that the browser build exports pcaps too.
constexpr std::uint32_t kPcapMagic = 0xa1b2c3d4;  // microsecond timestamps
constexpr std::uint32_t kLinkTypeEthernet = 1;

void put_le32(std::ostream& out, std::uint32_t v) {
    const std::array<char, 4> bytes{static_cast<char>(v), static_cast<char>(v >> 8),
                                    static_cast<char>(v >> 16), static_cast<char>(v >> 24)};
    out.write(bytes.data(), bytes.size());
}

void put_le16(std::ostream& out, std::uint16_t v) {
    const std::array<char, 2> bytes{static_cast<char>(v), static_cast<char>(v >> 8)};
    out.write(bytes.data(), bytes.size());
}

void write_file_header(std::ostream& out) {
    put_le32(out, kPcapMagic);
    put_le16(out, 2);  // version 2.4
    put_le16(out, 4);
    put_le32(out, 0);  // time zone offset
    put_le32(out, 0);  // timestamp accuracy
    put_le32(out, kSnapLength);
    put_le32(out, kLinkTypeEthernet);
}

class PcapWriter {
public:
    PcapWriter(const Trace& trace, std::ostream& out) : trace_(trace), out_(out) {}

    void run() {
        for (const Event& e : trace_.events())
            handle(e);
    }

private:
    void emit(SimTime t, const Flow& flow, bool from_client, std::uint8_t flags,
              std::string_view payload) {
        const Endpoint& from = from_client ? flow.client : flow.server;
        const Endpoint& to = from_client ? flow.server : flow.client;
        const std::uint32_t seq = flow.next_seq[from_client ? 0 : 1];
        const std::uint32_t ack = flow.next_seq[from_client ? 1 : 0];
        const auto packet = build_packet(from, to, seq, ack, flags, payload);
        const auto length = static_cast<std::uint32_t>(packet.size());
        put_le32(out_, static_cast<std::uint32_t>(t / 1000000));
        put_le32(out_, static_cast<std::uint32_t>(t % 1000000));
        put_le32(out_, length);  // captured
        put_le32(out_, length);  // on the wire
        out_.write(reinterpret_cast<const char*>(packet.data()),
                   static_cast<std::streamsize>(length));
    }

    void handle(const Event& e) {
        switch (e.kind) {
            case EventKind::HostAdded:
                addresses_[e.host] = static_cast<std::uint32_t>(e.value);
                return;
            case EventKind::TcpSyn: {
                Flow flow;
                flow.client = {addresses_[e.host], static_cast<std::uint16_t>(e.value), e.host};
                flow.server = {addresses_[e.peer], static_cast<std::uint16_t>(e.aux), e.peer};
                // Deterministic initial sequence numbers, distinct per connection.
                flow.next_seq[0] = 0x10000000u + e.conn * 0x1000u;
                flow.next_seq[1] = 0x20000000u + e.conn * 0x1000u;
                flows_[e.conn] = flow;
                emit(e.t, flow, true, kSyn, {});
                flows_[e.conn].next_seq[0] += 1;
                return;
            }
            default:
                break;
        }
        const auto it = flows_.find(e.conn);
        if (it == flows_.end()) return;
        Flow& flow = it->second;
        const bool from_client = e.dir != Direction::ServerToClient;
        switch (e.kind) {
            case EventKind::TcpSynAck:
                emit(e.t, flow, false, kSyn | kAck, {});
                flow.next_seq[1] += 1;
                break;
            case EventKind::TcpAck:
                emit(e.t, flow, true, kAck, {});
                break;
            case EventKind::TcpSegment: {
                std::string_view payload = trace_.payload(e);
                while (!payload.empty()) {
                    const auto part = payload.substr(0, kMaxPayloadPerPacket);
                    emit(e.t, flow, from_client, kAck | kPsh, part);
                    flow.next_seq[from_client ? 0 : 1] += static_cast<std::uint32_t>(part.size());
                    payload.remove_prefix(part.size());
                }
                break;
            }
            case EventKind::TcpFin:
                emit(e.t, flow, from_client, kFin | kAck, {});
                flow.next_seq[from_client ? 0 : 1] += 1;
                break;
            case EventKind::TcpRst:
                emit(e.t, flow, from_client, kRst | kAck, {});
                break;
            default:
                break;
        }
    }

    const Trace& trace_;
    std::ostream& out_;
    std::map<HostId, std::uint32_t> addresses_;
    std::map<ConnId, Flow> flows_;
};

}  // namespace

std::string write_pcap(const Trace& trace, const std::string& path) {
    std::ofstream out{path, std::ios::binary};
    if (!out) return "cannot write " + path;
    write_file_header(out);
    PcapWriter{trace, out}.run();
    out.flush();
    if (!out) return "cannot write " + path;
    return {};
}

}  // namespace maillab::sim
