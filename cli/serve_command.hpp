// `maillab serve`: the default world at wall-clock pace, its mail server
// opened to real clients on localhost (port base + standard port).
#pragma once

#include "cli/commands.hpp"

namespace maillab::cli {

void register_serve_command(CLI::App& app, Commands& commands);

}  // namespace maillab::cli
