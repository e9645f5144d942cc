// `maillab gui`: the window (or a clear message when maillab was built
// without it, or when there is no display).
#pragma once

#include <string>

#include "cli/commands.hpp"

namespace maillab::cli {

void register_gui_command(CLI::App& app, Commands& commands);

// What `maillab` alone does: the default lesson in the window, or in the
// terminal (saying so) when there is no display or no window was built.
int run_default_job();

// Where the window remembers its presenter scale between runs:
// $XDG_CONFIG_HOME/maillab/settings.ini (~/.config/maillab/settings.ini);
// empty when neither is set or the folder cannot be made.
std::string view_settings_file();

}  // namespace maillab::cli
