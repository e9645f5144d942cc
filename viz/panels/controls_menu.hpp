// ControlsMenu: the menu bar's "Act on the world" menu — devices send and
// check mail, hosts and links go down and up. Each action is played at the
// end of the recorded world and the playhead jumps there to show it.
#pragma once

#include <array>
#include <string>

#include "viz/model/gui_model.hpp"
#include "viz/model/world_controls.hpp"

namespace maillab::viz {

class ControlsMenu {
public:
    explicit ControlsMenu(WorldControls& controls) : controls_(controls) {}

    void draw(GuiModel& model);

private:
    void devices_menu(GuiModel& model);
    void servers_menu(GuiModel& model);
    void links_menu(GuiModel& model);
    void send_form(GuiModel& model);
    static void show(GuiModel& model, std::size_t first_event);

    WorldControls& controls_;
    std::string sending_from_;  // device whose send form is open
    bool open_form_ = false;
    std::array<char, 256> to_{};
    std::array<char, 256> subject_{};
    std::array<char, 2048> body_{};
};

}  // namespace maillab::viz
