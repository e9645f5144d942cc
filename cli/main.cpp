// maillab's command line. Each subcommand lives in its own file and registers
// itself here; parse errors print a clear message and exit with status 2.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
    CLI::App app{"maillab - a mail-protocol lab: SMTP, POP3 and IMAP on a simulated network",
                 "maillab"};
    app.set_version_flag("-V,--version", std::string{maillab::cli::kVersion});
    app.require_subcommand(0, 1);

    maillab::cli::Commands commands;
    maillab::cli::register_commands(app, commands);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        std::cerr << "Run 'maillab --help' for the commands and options.\n";
        return maillab::cli::kUsageError;
    }
    return commands.run();
}
