// `maillab gui`: the window (or a clear message when maillab was built
// without it, or when there is no display).
#pragma once

#include "cli/commands.hpp"

namespace maillab::cli {

void register_gui_command(CLI::App& app, Commands& commands);

// What `maillab` alone does: the default lesson in the window, or in the
// terminal (saying so) when there is no display or no window was built.
int run_default_job();

}  // namespace maillab::cli
