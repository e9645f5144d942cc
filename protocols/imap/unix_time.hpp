// Conversions between the store's internal dates (seconds since 1970 UTC) and
// IMAP's date-time and date (RFC 3501 §9). The store keeps no time zone, so
// INTERNALDATE is reported in UTC (+0000).
#pragma once

#include <cstdint>

#include "protocols/imap/date_time.hpp"

namespace maillab::protocols::imap {

std::int64_t to_unix_seconds(const DateTime& value);
DateTime utc_date_time(std::int64_t unix_seconds);

}  // namespace maillab::protocols::imap
