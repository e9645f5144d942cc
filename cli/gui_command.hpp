// `maillab gui`: the window (or a clear message when maillab was built
// without it, or when there is no display).
#pragma once

#include "cli/commands.hpp"

namespace maillab::cli {

void register_gui_command(CLI::App& app, Commands& commands);

}  // namespace maillab::cli
