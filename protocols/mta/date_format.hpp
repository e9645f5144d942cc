// An RFC 5322 §3.3 date-time ("Thu, 01 Jan 2026 00:00:00 +0000") from the
// simulator's virtual clock, for DSN Arrival-Date/Last-Attempt-Date and the
// DSN's Date header. Always UTC. A small formatter of the MTA's own until
// protocols/mime offers one.
#pragma once

#include <cstdint>
#include <string>

#include "protocols/mta/envelope.hpp"

namespace maillab::protocols::mta {

// Virtual time 0 is this wall-clock instant: 2026-01-01 00:00:00 UTC.
constexpr std::int64_t kDefaultWorldEpochUnixSeconds = 1'767'225'600;

std::string format_rfc5322_date(VirtualTime t,
                                std::int64_t epoch_unix_seconds = kDefaultWorldEpochUnixSeconds);

}  // namespace maillab::protocols::mta
