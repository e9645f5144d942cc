// `maillab check FILE...`: validates lesson files and prints every problem as
// file:line:col: message. `maillab lessons`: lists the lessons (id, minutes,
// title) from the lessons directory (see sim/lesson/lesson_list.hpp).
#pragma once

#include "cli/commands.hpp"

namespace maillab::cli {

void register_check_command(CLI::App& app, Commands& commands);

}  // namespace maillab::cli
