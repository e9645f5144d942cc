// Dates in mail: RFC 5322 §3.3 date-time (Date:, Received:), and IMAP's
// INTERNALDATE form (RFC 3501 §9 date-time: "17-Jul-1996 02:44:25 -0700").
//
// Parsing RFC 5322 is lenient, per the obsolete syntax of §4.3: optional day
// of week, comments, 2-digit years (00-49 → 20xx, 50-99 → 19xx) and 3-digit
// years (+1900), seconds optional, zone names UT/GMT/Z and the US zones
// (EST, EDT, CST, CDT, MST, MDT, PST, PDT), military letters and a missing or
// unknown zone all read as +0000 (§4.3 says their meaning is unknown).
// Field ranges are checked (day of month included); years 1000-9999.
// Not done: other zone abbreviations, dates without a day or year.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace maillab::protocols::mime {

struct MailDate {
    std::int64_t utc_seconds = 0;  // seconds since 1970-01-01T00:00:00Z
    int zone_minutes = 0;          // the writer's offset from UTC, e.g. -420 for -0700

    bool operator==(const MailDate&) const = default;
};

std::optional<MailDate> parse_rfc5322_date(std::string_view text);
// "Wed, 17 Jul 1996 02:44:25 -0700"
std::string format_rfc5322_date(const MailDate& date);

// Accepts the form with or without its double quotes, day " 7", "7" or "07".
std::optional<MailDate> parse_imap_date_time(std::string_view text);
// "17-Jul-1996 02:44:25 -0700", day padded with a space (" 7-Jul-1996 ..."), no quotes.
std::string format_imap_date_time(const MailDate& date);

}  // namespace maillab::protocols::mime
