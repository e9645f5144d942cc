#include "viz/model/panel_layout.hpp"

#include <utility>

namespace maillab::viz {

namespace {

// The part of `body` between two fractions of its width and two of its
// height; neighbours computed from the same fraction share the edge exactly.
Rect part(const Rect& body, float x0, float y0, float x1, float y1) {
    const float left = body.x + x0 * body.w;
    const float top = body.y + y0 * body.h;
    return {left, top, body.x + x1 * body.w - left, body.y + y1 * body.h - top};
}

// Shares of the wide arrangement: the top row's height, the bottom row's columns.
constexpr float kTopShare = 0.55f;
constexpr float kLessonShare = 0.27f;
constexpr float kStateShare = 0.5f;

constexpr std::pair<PanelId, std::string_view> kPanelNames[] = {
    {PanelId::Lesson, "lesson"}, {PanelId::Network, "network"},     {PanelId::Sequence, "sequence"},
    {PanelId::State, "state"},   {PanelId::Inspector, "inspector"}, {PanelId::Wire, "wire"},
};

}  // namespace

std::optional<PanelId> panel_named(std::string_view name) {
    for (const auto& [id, known] : kPanelNames) {
        if (known == name) return id;
    }
    return std::nullopt;
}

std::string_view panel_name(PanelId id) {
    for (const auto& [known, name] : kPanelNames) {
        if (known == id) return name;
    }
    return {};
}

PanelLayout arrange_panels(const Rect& body, float em, const PanelLayoutLimits& limits) {
    const float width_em = body.w / em;
    const float height_em = body.h / em;
    PanelLayout layout;
    if (width_em >= limits.wide_width_em && height_em >= limits.wide_height_em) {
        layout.arrangement = Arrangement::Wide;
        const float state_end = kLessonShare + kStateShare;
        layout.slots = {
            {part(body, 0, 0, 0.5f, kTopShare), {PanelId::Network}},
            {part(body, 0.5f, 0, 1, kTopShare), {PanelId::Sequence}},
            {part(body, 0, kTopShare, kLessonShare, 1), {PanelId::Lesson}},
            {part(body, kLessonShare, kTopShare, state_end, 1), {PanelId::State}},
            {part(body, state_end, kTopShare, 1, 1), {PanelId::Inspector, PanelId::Wire}},
        };
    } else if (width_em >= limits.quarters_width_em && height_em >= limits.quarters_height_em) {
        layout.arrangement = Arrangement::Quarters;
        layout.slots = {
            {part(body, 0, 0, 0.5f, kTopShare), {PanelId::Network}},
            {part(body, 0.5f, 0, 1, kTopShare), {PanelId::Sequence}},
            {part(body, 0, kTopShare, 0.5f, 1), {PanelId::Lesson}},
            {part(body, 0.5f, kTopShare, 1, 1),
             {PanelId::State, PanelId::Inspector, PanelId::Wire}},
        };
    } else if (width_em >= limits.beside_width_em) {
        layout.arrangement = Arrangement::LessonBeside;
        const float lesson = limits.beside_lesson_share;
        layout.slots = {
            {part(body, 0, 0, lesson, 1), {PanelId::Lesson}},
            {part(body, lesson, 0, 1, 1),
             {PanelId::Network, PanelId::Sequence, PanelId::State, PanelId::Inspector,
              PanelId::Wire}},
        };
    } else {
        layout.arrangement = Arrangement::Tabs;
        layout.slots = {{body, {kAllPanels.begin(), kAllPanels.end()}}};
    }
    return layout;
}

PanelLayout arrange_class_panels(const Rect& body, float em, const PanelLayoutLimits& limits) {
    PanelLayout layout = arrange_panels(body, em, limits);
    const bool room_below =
        layout.arrangement == Arrangement::Wide || layout.arrangement == Arrangement::Quarters;
    if (room_below) {
        const float table_end = kLessonShare + kStateShare;
        layout.slots = {
            {part(body, 0, 0, 0.5f, kTopShare), {PanelId::Network}},
            {part(body, 0.5f, 0, 1, kTopShare), {PanelId::Sequence}},
            {part(body, 0, kTopShare, table_end, 1), {PanelId::Lesson}},
            {part(body, table_end, kTopShare, 1, 1),
             {PanelId::State, PanelId::Inspector, PanelId::Wire}},
        };
    } else {
        layout.arrangement = Arrangement::Tabs;
        layout.slots = {{body, {kAllPanels.begin(), kAllPanels.end()}}};  // the table first
    }
    return layout;
}

}  // namespace maillab::viz
