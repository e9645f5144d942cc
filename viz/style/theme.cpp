#include "viz/style/theme.hpp"

#include <cstddef>

namespace maillab::viz {

namespace {

// Protocol colours chosen to stay distinct for common colour-vision
// deficiencies (Okabe-Ito palette), in a darker and a lighter variant.
struct Rgb {
    int r, g, b;
};
constexpr Rgb kOnDark[] = {
    {170, 170, 170},  // Tcp
    {240, 228, 66},   // Dns
    {86, 180, 233},   // Smtp
    {230, 159, 0},    // Pop3
    {0, 200, 150},    // Imap
    {204, 121, 167},  // Tls
    {140, 200, 255},  // Store
    {255, 190, 120},  // Queue
    {190, 230, 140},  // Device
    {255, 255, 255},  // Lesson
};
constexpr Rgb kOnLight[] = {
    {100, 100, 100}, {150, 130, 0},  {0, 114, 178},  {200, 110, 0}, {0, 140, 100},
    {170, 60, 130},  {40, 100, 180}, {190, 100, 20}, {70, 130, 30}, {20, 20, 20},
};

ImU32 rgb(Rgb c) {
    return IM_COL32(c.r, c.g, c.b, 255);
}

}  // namespace

void Theme::apply(float scale) const {
    ImGuiStyle style;
    if (kind == ThemeKind::Dark) {
        ImGui::StyleColorsDark(&style);
    } else {
        ImGui::StyleColorsLight(&style);
    }
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.GrabRounding = 3.0f;
    style.WindowPadding = ImVec2(10, 8);
    style.ItemSpacing = ImVec2(8, 6);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

ImU32 Theme::protocol(ProtocolColor which) const {
    const auto index = static_cast<std::size_t>(which);
    return rgb(kind == ThemeKind::Dark ? kOnDark[index] : kOnLight[index]);
}

ImU32 Theme::text_muted() const {
    return kind == ThemeKind::Dark ? IM_COL32(150, 150, 160, 255) : IM_COL32(110, 110, 120, 255);
}
ImU32 Theme::highlight() const {
    return kind == ThemeKind::Dark ? IM_COL32(255, 220, 80, 255) : IM_COL32(200, 140, 0, 255);
}
ImU32 Theme::failure() const {
    return IM_COL32(220, 60, 60, 255);
}
ImU32 Theme::success() const {
    return kind == ThemeKind::Dark ? IM_COL32(90, 200, 90, 255) : IM_COL32(30, 140, 30, 255);
}

}  // namespace maillab::viz
