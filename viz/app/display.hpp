// Whether a window can be opened here at all, and how to get one if not.
#pragma once

#include <string>

namespace maillab::viz {

bool display_available();
std::string no_display_advice();

}  // namespace maillab::viz
