// pcap export: every TCP exchange in the trace as Ethernet/IPv4/TCP packets
// in the classic pcap file format, carrying the real payload bytes between the hosts'
// simulated addresses on their real (standard) ports, so Wireshark and tshark
// decode SMTP, POP3 and IMAP — and, given the key log, the TLS sessions too.
//
// Packets are synthesised from the trace's TCP events: SYN, SYN-ACK, ACK,
// each data segment, FIN and RST. Sequence and acknowledgement numbers are
// consistent per connection; checksums are correct.
#pragma once

#include <string>

#include "sim/trace/trace.hpp"

namespace maillab::sim {

// Returns an empty string on success, otherwise what went wrong.
std::string write_pcap(const Trace& trace, const std::string& path);

}  // namespace maillab::sim
