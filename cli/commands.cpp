#include "cli/commands.hpp"

#include <iostream>

namespace maillab::cli {

void register_commands(CLI::App& app, Commands& commands) {
    commands.default_action = [&app] {
        std::cout << app.help();
        return 0;
    };
}

}  // namespace maillab::cli
