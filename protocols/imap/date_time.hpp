// IMAP dates (RFC 3501 §9): "date" ("1-Feb-1994", optionally quoted) for
// SEARCH BEFORE/ON/SINCE and friends, and "date-time"
// ("01-Feb-1994 21:52:25 +0100", always quoted) for APPEND and INTERNALDATE.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace maillab::protocols::imap {

struct Date {
    int year = 0;
    int month = 0;  // 1..12
    int day = 0;    // 1..31

    auto operator<=>(const Date&) const = default;
};

struct DateTime {
    Date date;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int zone_minutes = 0;  // east of UTC, e.g. +0100 -> 60

    bool operator==(const DateTime&) const = default;
};

// date-text: date-day "-" date-month "-" date-year (day 1 or 2 digits).
std::optional<Date> parse_date_text(std::string_view text);
// date-time without its quotes: date-day-fixed "-" month "-" year SP time SP zone.
std::optional<DateTime> parse_date_time_text(std::string_view text);
// The quoted INTERNALDATE form: "\"01-Feb-1994 21:52:25 +0100\"" (day space-padded).
std::string format_date_time(const DateTime& value);

}  // namespace maillab::protocols::imap
