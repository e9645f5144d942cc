// What the wire shows: for the connection picked in the sequence chart (or
// the packet clicked), every segment a sniffer on its path captured —
// readable lines for a cleartext session, password included; TLS records
// (type, length, first ciphertext octets) once it is encrypted. Beside the
// sequence chart, which shows what the endpoints see. When nothing is picked
// and the lesson placed a sniffer on a link, it lists everything that sniffer
// captured, with what the endpoints saw of each segment beside it.
#pragma once

#include "viz/model/wire_view.hpp"
#include "viz/panels/panel.hpp"

namespace maillab::viz {

class WirePanel : public Panel {
public:
    const char* title() const override { return "What the wire shows"; }
    void draw(const FrameContext& frame, GuiModel& model) override;

private:
    const SnifferCapture* shown_sniffer(const GuiModel& model) const;
    void draw_sniffer(const FrameContext& frame, const GuiModel& model,
                      const SnifferCapture& sniffer);

    WireIndex index_;
    std::size_t last_cursor_ = 0;
};

}  // namespace maillab::viz
