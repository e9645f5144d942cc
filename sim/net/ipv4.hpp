// IPv4 addresses as host-order 32-bit integers, with the dotted-quad text form
// used in world files and the trace.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace maillab::sim {

using Ipv4 = std::uint32_t;

// "10.0.0.1" -> 0x0A000001; nullopt unless exactly four decimal octets 0..255.
std::optional<Ipv4> parse_ipv4(std::string_view text);
std::string format_ipv4(Ipv4 address);

}  // namespace maillab::sim
