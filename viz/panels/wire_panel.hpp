// What the wire shows: for the connection picked in the sequence chart (or
// the packet clicked), every segment a sniffer on its path captured —
// readable lines for a cleartext session, password included; TLS records
// (type, length, first ciphertext octets) once it is encrypted. Beside the
// sequence chart, which shows what the endpoints see.
#pragma once

#include "viz/model/wire_view.hpp"
#include "viz/panels/panel.hpp"

namespace maillab::viz {

class WirePanel : public Panel {
public:
    const char* title() const override { return "What the wire shows"; }
    void draw(const FrameContext& frame, GuiModel& model) override;

private:
    WireIndex index_;
    std::size_t last_cursor_ = 0;
};

}  // namespace maillab::viz
