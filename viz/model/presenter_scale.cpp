#include "viz/model/presenter_scale.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>

namespace maillab::viz {

namespace {

constexpr std::string_view kScaleKey = "scale_percent";

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

}  // namespace

void PresenterScale::set_percent(int percent) {
    percent_ = std::clamp(percent, kMinPercent, kMaxPercent);
}

std::optional<int> PresenterScale::parse_percent(std::string_view text) {
    text = trimmed(text);
    if (!text.empty() && text.back() == '%') text.remove_suffix(1);
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    if (value < kMinPercent || value > kMaxPercent) return std::nullopt;
    return value;
}

ViewSettings load_view_settings(const std::string& path) {
    ViewSettings settings;
    std::ifstream in{path};
    std::string line;
    while (std::getline(in, line)) {
        const auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        const std::string_view key = trimmed(std::string_view{line}.substr(0, eq));
        const std::string_view value = trimmed(std::string_view{line}.substr(eq + 1));
        if (key == kScaleKey) {
            if (const auto percent = PresenterScale::parse_percent(value))
                settings.scale_percent = *percent;
        }
    }
    return settings;
}

bool save_view_settings(const std::string& path, const ViewSettings& settings) {
    std::ofstream out{path, std::ios::trunc};
    out << "# maillab window settings\n" << kScaleKey << " = " << settings.scale_percent << "\n";
    return static_cast<bool>(out.flush());
}

}  // namespace maillab::viz
