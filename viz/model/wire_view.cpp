#include "viz/model/wire_view.hpp"

#include <algorithm>
#include <cstdio>

#include "sim/export/text_layout.hpp"

namespace maillab::viz {

namespace {

constexpr std::size_t kRecordHeader = 5;
constexpr unsigned char kTlsMajor = 3;

std::string record_kind(unsigned char type) {
    switch (type) {
        case 20:
            return "change cipher spec";
        case 21:
            return "alert";
        case 22:
            return "handshake";
        case 23:
            return "application data";
        default:
            return {};
    }
}

std::string hex(std::string_view bytes, std::size_t at_most) {
    std::string out;
    char buf[4];
    for (std::size_t i = 0; i < bytes.size() && i < at_most; ++i) {
        std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(bytes[i]));
        out += (i == 0 ? "" : " ") + std::string{buf};
    }
    if (bytes.size() > at_most) out += " …";
    return out;
}

// The TLS records a segment holds (a record may continue past the segment).
std::vector<WireRecord> tls_records(std::string_view bytes) {
    std::vector<WireRecord> out;
    while (bytes.size() >= kRecordHeader) {
        const std::string kind = record_kind(static_cast<unsigned char>(bytes[0]));
        if (kind.empty() || static_cast<unsigned char>(bytes[1]) != kTlsMajor) break;
        const std::size_t length =
            (static_cast<std::size_t>(static_cast<unsigned char>(bytes[3])) << 8) |
            static_cast<unsigned char>(bytes[4]);
        const std::string_view body = bytes.substr(kRecordHeader, length);
        out.push_back({kind, length, hex(body, kWireOctetsShown)});
        bytes.remove_prefix(std::min(bytes.size(), kRecordHeader + length));
    }
    return out;
}

}  // namespace

WireCapture capture_of(std::string_view segment) {
    WireCapture c;
    c.octets = segment.size();
    c.records = tls_records(segment);
    if (!c.records.empty()) return c;
    c.readable = true;
    std::string_view rest = segment;
    while (!rest.empty()) {
        const std::size_t lf = rest.find('\n');
        const std::string line = sim::printable(rest.substr(0, lf));
        if (line.find("\\x") != std::string::npos) c.readable = false;
        c.lines.push_back(line);
        if (lf == std::string_view::npos) break;
        rest.remove_prefix(lf + 1);
    }
    return c;
}

void WireIndex::index(const sim::Trace& trace) {
    for (; indexed_ < trace.size(); ++indexed_) {
        const sim::Event& e = trace[indexed_];
        if (e.kind == sim::EventKind::TcpSegment || e.kind == sim::EventKind::TcpRetransmit)
            by_conn_[e.conn].push_back(indexed_);
    }
}

std::span<const std::size_t> WireIndex::segments(sim::ConnId conn, std::size_t cursor) const {
    const auto it = by_conn_.find(conn);
    if (it == by_conn_.end()) return {};
    const auto end = std::lower_bound(it->second.begin(), it->second.end(), cursor);
    return {it->second.data(), static_cast<std::size_t>(end - it->second.begin())};
}

}  // namespace maillab::viz
