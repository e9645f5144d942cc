// Where the window's panels go for a given size: side by side when there is
// room, sharing a place as tabs when there is not, so that at 1024×768 or
// 1280×720 at 150 % every panel is still usable and none overlaps another.
// Sizes are in ems (the font size at the current presenter scale), so one
// scale factor drives both the fonts and the arrangement.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "viz/model/geometry.hpp"

namespace maillab::viz {

enum class PanelId { Lesson, Network, Sequence, State, Inspector, Wire };

inline constexpr std::array<PanelId, 6> kAllPanels{PanelId::Lesson,    PanelId::Network,
                                                   PanelId::Sequence,  PanelId::State,
                                                   PanelId::Inspector, PanelId::Wire};

// The names a user gives panels (`gui --panel network`); nothing for an unknown one.
std::optional<PanelId> panel_named(std::string_view name);
std::string_view panel_name(PanelId id);

// One place in the window; more than one panel there means tabs.
struct PanelSlot {
    Rect rect;
    std::vector<PanelId> panels;
};

enum class Arrangement {
    Wide,          // network and sequence above; lesson, state, inspector and wire below
    Quarters,      // four places; state, inspector and wire share one
    LessonBeside,  // the lesson on the left, every other panel a tab on the right
    Tabs,          // one place, every panel a tab
};

struct PanelLayout {
    Arrangement arrangement = Arrangement::Wide;
    std::vector<PanelSlot> slots;
};

// Below these sizes (in ems) of the area between the header and the timeline,
// an arrangement gives way to the next more compact one.
struct PanelLayoutLimits {
    float wide_width_em = 76.0f;
    float wide_height_em = 30.0f;
    float quarters_width_em = 60.0f;
    float quarters_height_em = 26.0f;
    float beside_width_em = 46.0f;
    float beside_lesson_share = 0.32f;
};

// `body` is the area between header and timeline, in pixels; `em` the font size in pixels.
PanelLayout arrange_panels(const Rect& body, float em, const PanelLayoutLimits& limits = {});

// The projector view of a class (`serve --classroom --gui`): the class table
// in the lesson's place, which needs width for its apps and protocols. Where
// there is room it spans the lower left and middle (state, inspector and wire
// share the lower right as tabs); where there is not, it is the first tab of
// one place holding every panel.
PanelLayout arrange_class_panels(const Rect& body, float em, const PanelLayoutLimits& limits = {});

}  // namespace maillab::viz
