// The TLS records that carried one command or reply: what a sniffer on the
// link saw of it. The sending side records the plaintext event and then the
// records it encrypted it into, so the records are the sender's TlsRecord
// events on the same connection and direction right after its plaintext
// event (for the receiver's copy of the event, the sender's copy is found
// first, earlier in the trace).
#pragma once

#include <cstddef>
#include <vector>

#include "sim/trace/trace.hpp"

namespace maillab::viz {

// How far from the event the search looks, in events either way.
inline constexpr std::size_t kWireSearchWindow = 256;

// Indices of the TlsRecord events, in order; empty when the event did not travel inside TLS.
std::vector<std::size_t> wire_records(const sim::Trace& trace, std::size_t event);

}  // namespace maillab::viz
