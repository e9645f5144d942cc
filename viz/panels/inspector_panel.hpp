// Inspector: the selected event in full — its raw bytes as text and hex, the
// explanation and RFC section, where it travelled, and where its session is
// in its protocol (a small state diagram); a captured segment also layer by
// layer (IP, TCP, TLS, application).
#pragma once

#include "viz/panels/panel.hpp"

namespace maillab::viz {

class InspectorPanel : public Panel {
public:
    const char* title() const override { return "Inspector"; }
    void draw(const FrameContext& frame, GuiModel& model) override;
};

}  // namespace maillab::viz
