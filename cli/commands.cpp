#include "cli/commands.hpp"

#include <iostream>

#include "cli/check_command.hpp"
#include "cli/gui_command.hpp"
#include "cli/run_command.hpp"
#include "cli/serve_command.hpp"

namespace maillab::cli {

void register_commands(CLI::App& app, Commands& commands) {
    register_gui_command(app, commands);
    register_check_command(app, commands);
    register_run_commands(app, commands);
    register_serve_command(app, commands);
    commands.default_action = [] { return run_default_job(); };
}

}  // namespace maillab::cli
