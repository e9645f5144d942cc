// The window's arrangement: at every size every panel has exactly one place,
// the places stay inside the body and never overlap, and small windows at a
// large presenter scale fall back to tabs instead of squeezing panels.
#include "viz/model/panel_layout.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace maillab::viz;

namespace {

constexpr float kFontPixels = 18.0f;

PanelLayout at(float width, float height, float scale, bool class_view = false) {
    const float em = kFontPixels * scale;
    const Rect body{0, 0, width, height};
    return class_view ? arrange_class_panels(body, em) : arrange_panels(body, em);
}

}  // namespace

TEST_CASE("panels: each has one place, inside the body, none overlapping") {
    for (const float w : {800.0f, 1024.0f, 1280.0f, 1600.0f, 1920.0f, 2560.0f}) {
        for (const float h : {500.0f, 600.0f, 720.0f, 900.0f, 1080.0f}) {
            for (const float scale : {1.0f, 1.25f, 1.5f, 2.0f, 2.5f}) {
                INFO(w << "x" << h << " at " << scale);
                for (const bool class_view : {false, true}) {
                    INFO((class_view ? "class view" : "lesson view"));
                    const PanelLayout layout = at(w, h, scale, class_view);
                    const Rect body{0, 0, w, h};
                    std::vector<PanelId> seen;
                    for (std::size_t i = 0; i < layout.slots.size(); ++i) {
                        const PanelSlot& slot = layout.slots[i];
                        REQUIRE(body.contains(slot.rect));
                        REQUIRE_FALSE(slot.panels.empty());
                        for (std::size_t j = i + 1; j < layout.slots.size(); ++j)
                            REQUIRE_FALSE(slot.rect.overlaps(layout.slots[j].rect));
                        seen.insert(seen.end(), slot.panels.begin(), slot.panels.end());
                    }
                    std::sort(seen.begin(), seen.end());
                    REQUIRE(seen == std::vector<PanelId>(kAllPanels.begin(), kAllPanels.end()));
                }
            }
        }
    }
}

TEST_CASE("panels: a large window shows five places side by side (inspector and wire as tabs)") {
    REQUIRE(at(1920, 950, 1.0f).arrangement == Arrangement::Wide);
    REQUIRE(at(1920, 950, 1.0f).slots.size() == 5);
}

TEST_CASE("panels: a projector's small window at 150 % uses tabs, each place stays usable") {
    for (const auto& [w, h] : {std::pair{1024.0f, 560.0f}, std::pair{1280.0f, 500.0f}}) {
        const PanelLayout layout = at(w, h, 1.5f);
        REQUIRE(layout.arrangement != Arrangement::Wide);
        const float em = kFontPixels * 1.5f;
        for (const PanelSlot& slot : layout.slots) {
            REQUIRE(slot.rect.w >= 15 * em);
            REQUIRE(slot.rect.h >= 15 * em);
        }
    }
}

TEST_CASE("panels: the class table gets the width its apps and protocols need") {
    // The window's body at 1600x900, 1920x1080 (both scales) and 1280x720 at 150 %.
    struct Size {
        float w, h, scale;
    };
    for (const Size s : {Size{1600, 780, 1.0f}, Size{1920, 960, 1.0f}, Size{1920, 900, 1.5f},
                         Size{1280, 560, 1.5f}}) {
        INFO(s.w << "x" << s.h << " at " << s.scale);
        const float em = kFontPixels * s.scale;
        const PanelLayout layout = at(s.w, s.h, s.scale, true);
        const auto table =
            std::find_if(layout.slots.begin(), layout.slots.end(), [](const auto& slot) {
                return std::find(slot.panels.begin(), slot.panels.end(), PanelId::Lesson) !=
                       slot.panels.end();
            });
        REQUIRE(table != layout.slots.end());
        // Student (6), two apps (13), three protocols (9), three counts (3 x 4) and
        // cell padding: 48 ems, or the whole width of a window narrower than that.
        REQUIRE(table->rect.w >= std::min(48 * em, s.w));
        // Where it shares its place it is the first tab, the one shown.
        REQUIRE(table->panels.front() == PanelId::Lesson);
        // The lesson view at the same size gives its place less.
        for (const PanelSlot& slot : at(s.w, s.h, s.scale).slots) {
            if (slot.panels.front() == PanelId::Lesson && slot.panels.size() == 1)
                REQUIRE(slot.rect.w < table->rect.w);
        }
    }
}

TEST_CASE("panels: each has a name for the command line, and names find their panel") {
    for (const PanelId id : kAllPanels)
        REQUIRE(panel_named(panel_name(id)) == id);
    REQUIRE(panel_named("network") == PanelId::Network);
    REQUIRE_FALSE(panel_named("chart"));
}
