// RetrySchedule: when the MTA tries a deferred recipient again and when it
// gives up. RFC 5321 §4.5.4.1 asks for a retry interval of at least 30 minutes
// and a give-up time of at least 4-5 days; maillab starts shorter (1, 5, 15, 30
// minutes, then hourly, like a busy Postfix's backoff) so a lesson shows retries
// within a few virtual minutes. Everything is virtual time; lessons may shorten
// the lifetime (e.g. 2 hours) to show expiry.
#pragma once

#include <array>
#include <vector>

#include "protocols/mta/envelope.hpp"

namespace maillab::protocols::mta {

// Delay before attempt n+1 after n failed attempts; the last one repeats.
constexpr std::array<VirtualTime, 5> kDefaultRetryDelays{1 * kMicrosPerMinute, 5 * kMicrosPerMinute,
                                                         15 * kMicrosPerMinute,
                                                         30 * kMicrosPerMinute, 1 * kMicrosPerHour};

// How long a message may stay queued before it bounces with 4.4.7.
constexpr VirtualTime kDefaultQueueLifetime = 5 * 24 * kMicrosPerHour;

struct RetrySchedule {
    std::vector<VirtualTime> delays{kDefaultRetryDelays.begin(), kDefaultRetryDelays.end()};
    VirtualTime lifetime = kDefaultQueueLifetime;
    // Send a delay DSN (to recipients with NOTIFY=DELAY) once a message has
    // waited this long; 0 turns delay warnings off.
    VirtualTime delay_warning_after = 4 * kMicrosPerHour;

    // The delay after `failed_attempts` failures (1 = the first failure).
    VirtualTime delay_after(int failed_attempts) const;
    // True when a message that arrived at `arrival` must stop being retried.
    bool expired(VirtualTime arrival, VirtualTime now) const { return now - arrival >= lifetime; }
};

}  // namespace maillab::protocols::mta
