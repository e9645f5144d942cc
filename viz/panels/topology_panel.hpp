// Topology: hosts as labelled icons with their addresses and open ports,
// links with their state, and the packets travelling along them in virtual
// time — handshakes as small arrows, commands and replies as labelled
// envelopes, TLS records with a padlock, lost segments falling off.
#pragma once

#include "viz/panels/panel.hpp"

namespace maillab::viz {

class TopologyPanel : public Panel {
public:
    const char* title() const override { return "Network"; }
    void draw(const FrameContext& frame, GuiModel& model) override;
};

}  // namespace maillab::viz
