#include "sim/export/duration_text.hpp"

#include <cstdio>

namespace maillab::sim {

namespace {

constexpr SimTime kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kSecondsPerMinute = 60;
constexpr std::int64_t kMinutesPerHour = 60;
constexpr std::int64_t kHoursPerDay = 24;

// Seconds with `decimals` places, trailing zeros (and a bare point) removed.
std::string seconds_text(SimTime us, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals,
                  static_cast<double>(us) / static_cast<double>(kMicrosPerSecond));
    std::string text{buf};
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0')
            text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    return text + " s";
}

// "N big" or "N big M small" when M is not zero.
std::string two_units(std::int64_t total, std::int64_t per, const char* big, const char* small) {
    const std::int64_t high = total / per;
    const std::int64_t low = total % per;
    std::string text = std::to_string(high) + " " + big;
    if (low != 0) text += " " + std::to_string(low) + " " + small;
    return text;
}

std::int64_t rounded(SimTime us, std::int64_t unit_us) {
    return (us + unit_us / 2) / unit_us;
}

}  // namespace

std::string duration_text(SimTime us) {
    if (us < 0) return "-" + duration_text(-us);
    // Where a unit's rounding would carry into the next, the next unit takes over.
    if (us < kMicrosPerSecond - kMicrosPerSecond / 2000) return seconds_text(us, 3);
    if (us < 10 * kMicrosPerSecond - kMicrosPerSecond / 200) return seconds_text(us, 2);
    if (us < kSecondsPerMinute * kMicrosPerSecond - kMicrosPerSecond / 20)
        return seconds_text(us, 1);
    const std::int64_t seconds = rounded(us, kMicrosPerSecond);
    if (seconds < kSecondsPerMinute * kMinutesPerHour)
        return two_units(seconds, kSecondsPerMinute, "min", "s");
    const std::int64_t minutes = rounded(us, kSecondsPerMinute * kMicrosPerSecond);
    if (minutes < kMinutesPerHour * kHoursPerDay)
        return two_units(minutes, kMinutesPerHour, "h", "min");
    const std::int64_t hours = rounded(us, kMinutesPerHour * kSecondsPerMinute * kMicrosPerSecond);
    return two_units(hours, kHoursPerDay, "d", "h");
}

}  // namespace maillab::sim
