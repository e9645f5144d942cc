#include "viz/app/display.hpp"

namespace maillab::viz {

// A page always has its canvas.
bool display_available() {
    return true;
}

std::string no_display_advice() {
    return {};
}

}  // namespace maillab::viz
