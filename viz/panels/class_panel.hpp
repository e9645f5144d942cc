// Class: the table of `maillab serve --classroom` on the projector — one row
// per student with the apps they connected with, POP3/IMAP/SMTP, messages
// sent and received ("Got"), and sessions open now. The counting is the model's
// (viz/model/class_table); this panel only draws it.
#pragma once

#include "viz/model/class_table.hpp"
#include "viz/panels/panel.hpp"

namespace maillab::viz {

class ClassPanel : public Panel {
public:
    explicit ClassPanel(const ClassTable& table) : table_(table) {}
    const char* title() const override { return "Class"; }
    void draw(const FrameContext& frame, GuiModel& model) override;

private:
    const ClassTable& table_;
};

}  // namespace maillab::viz
