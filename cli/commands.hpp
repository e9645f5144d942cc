// The subcommands of maillab. register_commands() adds each to the CLI11 app;
// after parsing, Commands::run() starts the one the user chose (or the
// default job when none was named).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string_view>

namespace maillab::cli {

inline constexpr std::string_view kVersion = "maillab 0.1.0";
inline constexpr int kUsageError = 2;

class Commands {
public:
    // The action of the subcommand that was parsed; default_action when none.
    std::function<int()> chosen;
    std::function<int()> default_action;

    int run() const { return chosen ? chosen() : default_action(); }
};

void register_commands(CLI::App& app, Commands& commands);

}  // namespace maillab::cli
