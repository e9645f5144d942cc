#include "protocols/mta/date_format.hpp"

#include <array>
#include <cstdio>

namespace maillab::protocols::mta {

namespace {

struct CivilDate {
    std::int64_t year;
    int month;  // 1..12
    int day;    // 1..31
};

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).
CivilDate civil_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const auto day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const auto month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

}  // namespace

std::string format_rfc5322_date(VirtualTime t, std::int64_t epoch_unix_seconds) {
    static constexpr std::array<const char*, 7> kWeekdays{"Thu", "Fri", "Sat", "Sun",
                                                          "Mon", "Tue", "Wed"};
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::int64_t seconds = epoch_unix_seconds + floor_div(t, kMicrosPerSecond);
    const std::int64_t days = floor_div(seconds, 86400);
    const std::int64_t in_day = seconds - days * 86400;
    const CivilDate date = civil_from_days(days);
    const auto weekday = static_cast<std::size_t>(((days % 7) + 7) % 7);  // 1970-01-01: Thursday
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04lld %02lld:%02lld:%02lld +0000",
                  kWeekdays[weekday], date.day, kMonths[static_cast<std::size_t>(date.month - 1)],
                  static_cast<long long>(date.year), static_cast<long long>(in_day / 3600),
                  static_cast<long long>(in_day / 60 % 60), static_cast<long long>(in_day % 60));
    return buffer;
}

}  // namespace maillab::protocols::mta
