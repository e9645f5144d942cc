// `maillab run LESSON` (a lesson in the terminal), `maillab export LESSON`
// (its trace as JSON lines, transcript or pcap), and what `maillab` does with
// no command: the default lesson in the window, or in the terminal when
// there is no display.
#pragma once

#include "cli/commands.hpp"

namespace maillab::cli {

void register_run_commands(CLI::App& app, Commands& commands);

// The default lesson as a terminal transcript, headless.
int run_default_in_terminal();

}  // namespace maillab::cli
