// PresenterScale: how much larger than normal the whole window is drawn, so
// a teacher can make it readable from the back of a classroom. One factor
// sizes fonts, paddings, node boxes and line widths alike. Steps of 25 %
// from 100 % to 250 %; remembered between runs in a small settings file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace maillab::viz {

class PresenterScale {
public:
    static constexpr int kMinPercent = 100;
    static constexpr int kMaxPercent = 250;
    static constexpr int kStepPercent = 25;
    static constexpr int kDefaultPercent = 100;

    PresenterScale() = default;
    explicit PresenterScale(int percent) { set_percent(percent); }

    int percent() const { return percent_; }
    float factor() const { return static_cast<float>(percent_) / 100.0f; }

    // Clamped to [kMinPercent, kMaxPercent].
    void set_percent(int percent);
    void larger() { set_percent(percent_ + kStepPercent); }
    void smaller() { set_percent(percent_ - kStepPercent); }
    void reset() { set_percent(kDefaultPercent); }

    // "150" or "150%", within range; nothing otherwise.
    static std::optional<int> parse_percent(std::string_view text);

private:
    int percent_ = kDefaultPercent;
};

// The settings the window remembers between runs, as `key = value` lines.
struct ViewSettings {
    int scale_percent = PresenterScale::kDefaultPercent;
};

// Missing or unreadable file, or lines it does not know: the defaults for
// what it cannot read.
ViewSettings load_view_settings(const std::string& path);
// Returns false when the file could not be written.
bool save_view_settings(const std::string& path, const ViewSettings& settings);

}  // namespace maillab::viz
