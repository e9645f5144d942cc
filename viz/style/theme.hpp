// The one place where maillab's colours live: the ImGui style for light and
// dark themes, and one colour per protocol used by every view and the legend.
#pragma once

#include <imgui.h>

#include <cstdint>

#include "viz/model/protocol.hpp"
#include "viz/style/theme_kind.hpp"

namespace maillab::viz {

struct Theme {
    ThemeKind kind = ThemeKind::Dark;

    void apply(float scale) const;
    ImU32 protocol(ProtocolColor which) const;
    ImU32 text_muted() const;
    ImU32 highlight() const;
    ImU32 failure() const;
    ImU32 success() const;
};

}  // namespace maillab::viz
