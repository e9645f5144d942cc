#include "protocols/imap/date_time.hpp"

#include <array>
#include <cstdio>

#include "protocols/imap/lexer.hpp"

namespace maillab::protocols::imap {

namespace {

constexpr std::array<std::string_view, 12> kMonths = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                      "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 12> kMonthNames = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<int> digits(std::string_view text, std::size_t count) {
    if (text.size() != count) return std::nullopt;
    auto v = parse_decimal(text, 9999);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
}

bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int year, int month) {
    constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::optional<Date> parse_date(std::string_view day, std::string_view month,
                               std::string_view year) {
    std::optional<int> d;
    if (day.size() == 2 && day[0] == ' ') day.remove_prefix(1);
    if (day.size() == 1 || day.size() == 2) d = digits(day, day.size());
    const auto y = digits(year, 4);
    if (!d || !y) return std::nullopt;
    const std::string upper = to_upper_ascii(month);
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
        if (upper != kMonths[i]) continue;
        const Date date{*y, static_cast<int>(i) + 1, *d};
        if (date.day < 1 || date.day > days_in_month(date.year, date.month)) return std::nullopt;
        return date;
    }
    return std::nullopt;
}

}  // namespace

std::optional<Date> parse_date_text(std::string_view text) {
    const auto dash1 = text.find('-');
    if (dash1 == std::string_view::npos) return std::nullopt;
    const auto dash2 = text.find('-', dash1 + 1);
    if (dash2 == std::string_view::npos || dash1 == 0) return std::nullopt;
    if (text[0] == ' ') return std::nullopt;
    return parse_date(text.substr(0, dash1), text.substr(dash1 + 1, dash2 - dash1 - 1),
                      text.substr(dash2 + 1));
}

std::optional<DateTime> parse_date_time_text(std::string_view text) {
    // "dd-Mon-yyyy hh:mm:ss +zzzz" is exactly 26 characters.
    if (text.size() != 26 || text[2] != '-' || text[6] != '-' || text[11] != ' ' ||
        text[14] != ':' || text[17] != ':' || text[20] != ' ') {
        return std::nullopt;
    }
    auto date = parse_date(text.substr(0, 2), text.substr(3, 3), text.substr(7, 4));
    const auto h = digits(text.substr(12, 2), 2);
    const auto m = digits(text.substr(15, 2), 2);
    const auto s = digits(text.substr(18, 2), 2);
    const char sign = text[21];
    const auto zh = digits(text.substr(22, 2), 2);
    const auto zm = digits(text.substr(24, 2), 2);
    if (!date || !h || !m || !s || !zh || !zm || (sign != '+' && sign != '-')) return std::nullopt;
    if (*h > 23 || *m > 59 || *s > 60 || *zm > 59) return std::nullopt;
    const int zone = *zh * 60 + *zm;
    return DateTime{*date, *h, *m, *s, sign == '-' ? -zone : zone};
}

std::string format_date_time(const DateTime& v) {
    const int zone = v.zone_minutes < 0 ? -v.zone_minutes : v.zone_minutes;
    const auto month = kMonthNames[static_cast<std::size_t>((v.date.month + 11) % 12)];
    std::array<char, 40> buf{};
    std::snprintf(buf.data(), buf.size(), "\"%2d-%.3s-%04d %02d:%02d:%02d %c%02d%02d\"", v.date.day,
                  month.data(), v.date.year, v.hour, v.minute, v.second,
                  v.zone_minutes < 0 ? '-' : '+', zone / 60, zone % 60);
    return std::string{buf.data()};
}

}  // namespace maillab::protocols::imap
