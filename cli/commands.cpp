#include "cli/commands.hpp"

#include <iostream>

#include "cli/check_command.hpp"
#include "cli/gui_command.hpp"

namespace maillab::cli {

void register_commands(CLI::App& app, Commands& commands) {
    register_gui_command(app, commands);
    register_check_command(app, commands);
    commands.default_action = [&app] {
        std::cout << app.help();
        return 0;
    };
}

}  // namespace maillab::cli
