#include "protocols/mime/date_time.hpp"

#include <array>
#include <cstdio>
#include <vector>

#include "protocols/mime/ascii.hpp"

namespace maillab::protocols::mime {

namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
constexpr std::int64_t kSecondsPerDay = 86400;

struct ZoneName {
    std::string_view name;
    int minutes;
};
constexpr std::array<ZoneName, 11> kZones = {{{"UT", 0},
                                              {"GMT", 0},
                                              {"Z", 0},
                                              {"EST", -300},
                                              {"EDT", -240},
                                              {"CST", -360},
                                              {"CDT", -300},
                                              {"MST", -420},
                                              {"MDT", -360},
                                              {"PST", -480},
                                              {"PDT", -420}}};

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
    std::int64_t year;
    unsigned month;
    unsigned day;
};

Civil civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

unsigned days_in_month(std::int64_t year, unsigned month) {
    static constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30,
                                                       31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<unsigned> month_number(std::string_view name) {
    if (name.size() < 3) return std::nullopt;
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
        if (iequals(name.substr(0, 3), kMonths[i])) return static_cast<unsigned>(i + 1);
    }
    return std::nullopt;
}

std::optional<int> number(std::string_view digits, std::size_t max_digits) {
    if (digits.empty() || digits.size() > max_digits) return std::nullopt;
    int value = 0;
    for (const char c : digits) {
        if (!is_digit(c)) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// "+hhmm" / "-hhmm"
std::optional<int> numeric_zone(std::string_view text) {
    if (text.size() != 5 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
    const auto hours = number(text.substr(1, 2), 2);
    const auto minutes = number(text.substr(3, 2), 2);
    if (!hours || !minutes || *minutes > 59) return std::nullopt;
    const int total = *hours * 60 + *minutes;
    return text[0] == '-' ? -total : total;
}

int zone_minutes(std::string_view text) {
    if (auto numeric = numeric_zone(text)) return *numeric;
    for (const auto& zone : kZones) {
        if (iequals(text, zone.name)) return zone.minutes;
    }
    return 0;  // military letters, unknown names, nothing: treated as +0000
}

// Words of the date, with comments removed and "," and WSP as separators.
std::vector<std::string_view> words_of(std::string_view text, std::string& storage) {
    storage.clear();
    std::size_t depth = 0;
    for (const char c : text) {
        if (c == '(') ++depth;
        if (depth == 0)
            storage.push_back(c == ',' ? ' ' : c);
        else
            storage.push_back(' ');
        if (c == ')' && depth > 0) --depth;
    }
    std::vector<std::string_view> words;
    const std::string_view all = storage;
    std::size_t i = 0;
    while (i < all.size()) {
        while (i < all.size() && (is_wsp(all[i]) || all[i] == '\r' || all[i] == '\n'))
            ++i;
        const std::size_t start = i;
        while (i < all.size() && !is_wsp(all[i]) && all[i] != '\r' && all[i] != '\n')
            ++i;
        if (i > start) words.push_back(all.substr(start, i - start));
    }
    return words;
}

std::optional<MailDate> assemble(std::int64_t year, unsigned month, int day, std::string_view time,
                                 int zone) {
    if (year < 1000 || year > 9999 || day < 1 ||
        static_cast<unsigned>(day) > days_in_month(year, month)) {
        return std::nullopt;
    }
    const auto hour = number(time.substr(0, time.find(':')), 2);
    if (!hour || time.size() < 4) return std::nullopt;
    const std::string_view rest = time.substr(time.find(':') + 1);
    const std::size_t colon = rest.find(':');
    const auto minute = number(rest.substr(0, colon), 2);
    std::optional<int> second = 0;
    if (colon != std::string_view::npos) second = number(rest.substr(colon + 1), 2);
    if (!minute || !second || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
    const std::int64_t local =
        days_from_civil(year, month, static_cast<unsigned>(day)) * kSecondsPerDay + *hour * 3600 +
        *minute * 60 + *second;
    return MailDate{local - zone * 60, zone};
}

// The writer's local time of a date, split into what the formats print.
struct LocalTime {
    Civil civil;
    std::string_view weekday;
    std::string_view month;
    int hour, minute, second;
    char zone_sign;
    int zone_hours, zone_minutes;
};

LocalTime local_time(const MailDate& date) {
    const std::int64_t local = date.utc_seconds + date.zone_minutes * 60;
    std::int64_t days = local / kSecondsPerDay;
    std::int64_t secs = local % kSecondsPerDay;
    if (secs < 0) {
        secs += kSecondsPerDay;
        --days;
    }
    const Civil civil = civil_from_days(days);
    // 1970-01-01 was a Thursday.
    const auto weekday = static_cast<std::size_t>(((days % 7) + 11) % 7);
    const int zone = date.zone_minutes < 0 ? -date.zone_minutes : date.zone_minutes;
    return LocalTime{civil,
                     kWeekdays[weekday],
                     kMonths[civil.month - 1],
                     static_cast<int>(secs / 3600),
                     static_cast<int>(secs / 60 % 60),
                     static_cast<int>(secs % 60),
                     date.zone_minutes < 0 ? '-' : '+',
                     zone / 60,
                     zone % 60};
}

}  // namespace

std::optional<MailDate> parse_rfc5322_date(std::string_view text) {
    std::string storage;
    const auto words = words_of(text, storage);
    std::size_t i = 0;
    if (i < words.size() && !words[i].empty() && !is_digit(words[i][0])) ++i;  // day of week
    if (words.size() < i + 4) return std::nullopt;
    const auto day = number(words[i], 2);
    const auto month = month_number(words[i + 1]);
    const auto year_digits = number(words[i + 2], 4);
    if (!day || !month || !year_digits) return std::nullopt;
    std::int64_t year = *year_digits;
    if (words[i + 2].size() == 2) year += year < 50 ? 2000 : 1900;
    if (words[i + 2].size() == 3) year += 1900;
    const int zone = i + 4 < words.size() ? zone_minutes(words[i + 4]) : 0;
    return assemble(year, *month, *day, words[i + 3], zone);
}

std::string format_rfc5322_date(const MailDate& date) {
    const LocalTime t = local_time(date);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s, %u %s %04lld %02d:%02d:%02d %c%02d%02d",
                  t.weekday.data(), t.civil.day, t.month.data(),
                  static_cast<long long>(t.civil.year), t.hour, t.minute, t.second, t.zone_sign,
                  t.zone_hours, t.zone_minutes);
    return buffer;
}

std::optional<MailDate> parse_imap_date_time(std::string_view text) {
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
        text = text.substr(1, text.size() - 2);
    }
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    const std::size_t dash1 = text.find('-');
    const std::size_t dash2 = dash1 == std::string_view::npos ? dash1 : text.find('-', dash1 + 1);
    const std::size_t space1 = dash2 == std::string_view::npos ? dash2 : text.find(' ', dash2);
    const std::size_t space2 =
        space1 == std::string_view::npos ? space1 : text.find(' ', space1 + 1);
    if (space2 == std::string_view::npos) return std::nullopt;
    const auto day = number(text.substr(0, dash1), 2);
    const std::string_view month_text = text.substr(dash1 + 1, dash2 - dash1 - 1);
    const auto month = month_text.size() == 3 ? month_number(month_text) : std::nullopt;
    const std::string_view year_text = text.substr(dash2 + 1, space1 - dash2 - 1);
    const auto year = year_text.size() == 4 ? number(year_text, 4) : std::nullopt;
    const std::string_view time = text.substr(space1 + 1, space2 - space1 - 1);
    const auto zone = numeric_zone(text.substr(space2 + 1));
    if (!day || !month || !year || !zone || time.size() != 8) return std::nullopt;
    return assemble(*year, *month, *day, time, *zone);
}

std::string format_imap_date_time(const MailDate& date) {
    const LocalTime t = local_time(date);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%2u-%s-%04lld %02d:%02d:%02d %c%02d%02d", t.civil.day,
                  t.month.data(), static_cast<long long>(t.civil.year), t.hour, t.minute, t.second,
                  t.zone_sign, t.zone_hours, t.zone_minutes);
    return buffer;
}

}  // namespace maillab::protocols::mime
