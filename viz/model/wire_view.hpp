// What a sniffer on a connection's path captured, segment by segment, in
// words: the readable lines of a cleartext session (commands, replies, the
// password), and after STARTTLS or on 465/993/995 the TLS records — their
// type, length and first ciphertext octets. The window's "What the wire
// shows" panel lists these beside the sequence chart, which shows what the
// endpoints see.
#pragma once

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/trace/trace.hpp"

namespace maillab::viz {

struct WireRecord {
    std::string kind;  // "handshake", "application data", "alert", "change cipher spec"
    std::size_t length = 0;
    std::string first_octets;  // hex, e.g. "8a 1f 3c …"
};

struct WireCapture {
    bool readable = false;
    std::vector<std::string> lines;   // readable: the text lines, as printable text
    std::vector<WireRecord> records;  // otherwise: the TLS records, if it is TLS
    std::size_t octets = 0;
};

// How many ciphertext octets a record shows.
inline constexpr std::size_t kWireOctetsShown = 12;

WireCapture capture_of(std::string_view segment);

// The TCP segments of each connection, indexed as the trace grows.
class WireIndex {
public:
    void index(const sim::Trace& trace);
    // Segments of `conn` among events [0, cursor), in order.
    std::span<const std::size_t> segments(sim::ConnId conn, std::size_t cursor) const;

private:
    std::size_t indexed_ = 0;
    std::map<sim::ConnId, std::vector<std::size_t>> by_conn_;
};

}  // namespace maillab::viz
