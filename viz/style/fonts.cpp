#include "viz/style/fonts.hpp"

#include <filesystem>
#include <string>

namespace maillab::viz {

namespace {

constexpr const char* kSansPaths[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/local/share/fonts/DejaVuSans.ttf",
};
constexpr const char* kBoldPaths[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/local/share/fonts/DejaVuSans-Bold.ttf",
};
constexpr const char* kMonoPaths[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/local/share/fonts/DejaVuSansMono.ttf",
};

std::string first_existing(const char* const* paths, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        std::error_code ec;
        if (std::filesystem::exists(paths[i], ec)) return paths[i];
    }
    return {};
}

// Latin, punctuation (§, —, …), arrows, check marks and box drawing: what
// explanations, transcripts and checkpoints use.
const ImWchar* glyph_ranges() {
    static const ImWchar kRanges[] = {
        0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x2190, 0x21FF,
        0x2500, 0x257F, 0x25A0, 0x25FF, 0x2700, 0x27BF, 0,
    };
    return kRanges;
}

}  // namespace

Fonts load_fonts(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    Fonts fonts;
    const std::string sans = first_existing(kSansPaths, std::size(kSansPaths));
    const std::string mono = first_existing(kMonoPaths, std::size(kMonoPaths));
    const std::string bold = first_existing(kBoldPaths, std::size(kBoldPaths));
    const float size = kBaseFontPixels * scale;
    if (!sans.empty()) {
        fonts.text = io.Fonts->AddFontFromFileTTF(sans.c_str(), size, nullptr, glyph_ranges());
        fonts.heading =
            io.Fonts->AddFontFromFileTTF(sans.c_str(), size * 1.35f, nullptr, glyph_ranges());
    }
    if (!bold.empty())
        fonts.bold = io.Fonts->AddFontFromFileTTF(bold.c_str(), size, nullptr, glyph_ranges());
    if (!mono.empty()) {
        fonts.mono =
            io.Fonts->AddFontFromFileTTF(mono.c_str(), size * 0.95f, nullptr, glyph_ranges());
    }
    fonts.from_system = fonts.text != nullptr;
    if (fonts.text == nullptr) {
        ImFontConfig config;
        config.SizePixels = 13.0f * scale;
        fonts.text = io.Fonts->AddFontDefault(&config);
    }
    if (fonts.heading == nullptr) fonts.heading = fonts.text;
    if (fonts.mono == nullptr) fonts.mono = fonts.text;
    if (fonts.bold == nullptr) fonts.bold = fonts.text;
    io.FontDefault = fonts.text;
    return fonts;
}

}  // namespace maillab::viz
