#include "viz/app/display.hpp"

#include <cstdlib>

namespace maillab::viz {

bool display_available() {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    return (x11 != nullptr && *x11 != '\0') || (wayland != nullptr && *wayland != '\0');
}

std::string no_display_advice() {
    return "maillab: no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window "
           "cannot open.\n"
           "  - On a desktop, run maillab from a terminal inside the desktop session.\n"
           "  - Over SSH, use 'ssh -X' to forward the window.\n"
           "  - Without any screen, run it under a virtual one:\n"
           "      xvfb-run -a -s '-screen 0 1920x1080x24' maillab gui --screenshot out.png\n";
}

}  // namespace maillab::viz
