// `maillab serve` in the browser build: real sockets are a desktop feature.
#include <iostream>

#include "cli/serve_command.hpp"

namespace maillab::cli {

void register_serve_command(CLI::App& app, Commands& commands) {
    CLI::App* serve =
        app.add_subcommand("serve", "Open the world to real mail clients (desktop only)");
    serve->allow_extras();
    serve->callback([&commands] {
        commands.chosen = [] {
            std::cerr
                << "maillab serve: real sockets are not available in a browser. Build maillab "
                   "on Debian 12 (scripts/run in the README) to let real mail clients in.\n";
            return 3;
        };
    });
}

}  // namespace maillab::cli
