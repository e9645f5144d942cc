// State: each server's mailboxes (messages with UIDs and flags) and MTA
// queue, and each device's local copy, side by side, so POP3's "moved to the
// laptop" and IMAP's "same everywhere" are seen at a glance. What changed
// since the start of the current lesson step is highlighted; unread
// messages are bold, flags are words ("read, flagged"), and a device's copy
// says whether POP3 downloaded it or it is an IMAP copy; what a device did
// offline is listed until it has been replayed on the server.
#pragma once

#include "viz/model/offline_actions.hpp"
#include "viz/panels/panel.hpp"

namespace maillab::viz {

class StatePanel : public Panel {
public:
    const char* title() const override { return "Mailboxes, queues and devices"; }
    void draw(const FrameContext& frame, GuiModel& model) override;

private:
    OfflineActions offline_;  // what devices did offline, until replayed
};

}  // namespace maillab::viz
