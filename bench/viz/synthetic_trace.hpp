// A synthetic trace shaped like a busy lesson — hosts, connections, commands
// and replies, segments, store changes — of any length, for benchmarks.
#pragma once

#include <cstddef>

#include "sim/trace/trace.hpp"

namespace maillab::bench {

void fill_synthetic_trace(sim::Trace& trace, std::size_t events);

}  // namespace maillab::bench
