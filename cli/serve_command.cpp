#include "cli/serve_command.hpp"

#include <asio.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "sim/bridge/bridge.hpp"
#include "sim/trace/jsonl_export.hpp"
#include "sim/world/world.hpp"

namespace maillab::cli {

namespace {

struct ServeArgs {
    std::string listen = "127.0.0.1";
    std::uint16_t port_base = 2000;
    std::vector<std::string> users;
    std::string trace;
    std::string data;
};

// The default world: maillab.test, whose server real clients talk to, and
// elsewhere.test, reached by MX through the simulated internet.
std::unique_ptr<sim::World> default_world(const ServeArgs& args,
                                          std::vector<sim::AccountSpec> accounts) {
    auto world = std::make_unique<sim::World>(sim::WorldConfig{.seed = 1});
    sim::ServerSpec here{.name = "mail.maillab.test",
                         .address = "10.0.0.10",
                         .domains = {"maillab.test"},
                         .accounts = std::move(accounts)};
    // Plaintext logins only because every listener is on loopback (RFC 8314 §3).
    here.plaintext_auth_allowed = args.listen == "127.0.0.1" || args.listen == "::1";
    if (!args.data.empty()) here.data_dir = std::filesystem::path{args.data} / "mail.maillab.test";
    world->add_server(std::move(here));
    world->add_server({.name = "mx.elsewhere.test",
                       .address = "10.0.0.20",
                       .domains = {"elsewhere.test"},
                       .accounts = {{"carol", "carol", {}}}});
    return world;
}

int serve(const ServeArgs& args) {
    std::vector<sim::AccountSpec> accounts;
    for (const auto& user : args.users) {
        const auto colon = user.find(':');
        if (colon == std::string::npos || colon == 0) {
            std::cerr << "maillab serve: --user wants NAME:PASSWORD, got \"" << user << "\"\n";
            return kUsageError;
        }
        accounts.push_back({user.substr(0, colon), user.substr(colon + 1), {}});
    }
    if (accounts.empty()) accounts = {{"alice", "alice", {}}, {"bob", "bob", {}}};

    auto world = default_world(args, accounts);
    std::unique_ptr<std::ofstream> trace_out;
    if (!args.trace.empty()) {
        trace_out = std::make_unique<std::ofstream>(args.trace);
        if (!*trace_out) {
            std::cerr << "maillab serve: cannot write " << args.trace << '\n';
            return 1;
        }
        std::ofstream& out = *trace_out;
        for (const auto& e : world->trace().events())
            out << sim::to_jsonl_line(world->trace(), e) << '\n';
        world->trace().subscribe([&out](const sim::Trace& t, const sim::Event& e) {
            out << sim::to_jsonl_line(t, e) << '\n' << std::flush;
        });
    }

    asio::io_context io;
    sim::bridge::BridgeConfig config;
    config.listen_address = args.listen;
    config.port_base = args.port_base;
    sim::MailServer& server = *world->server("mail.maillab.test");
    try {
        sim::bridge::Bridge bridge{io,           world->sim(),    world->net(),
                                   world->tcp(), world->router(), config};
        for (const auto kind : server.spec().services) {
            bridge.open(server.host(), sim::standard_port(kind),
                        std::string{sim::protocol_name(kind)});
        }
        std::cout << "maillab serve: the simulated mail server mail.maillab.test is open to real "
                     "clients\n\n";
        for (const auto& l : bridge.listeners()) {
            std::cout << "  " << l.protocol
                      << std::string(14 - std::min<std::size_t>(13, l.protocol.size()), ' ')
                      << l.address << ":" << l.real_port << "  →  " << l.server_name << ":"
                      << l.sim_port << '\n';
        }
        std::cout << "\nAccounts (log in with the bare name; mail goes to NAME@maillab.test):\n";
        for (const auto& a : accounts)
            std::cout << "  " << a.user << " / " << a.password << '\n';
        std::cout << "\nMail to someone@elsewhere.test is relayed by MX inside the simulation.\n"
                     "Stop with Ctrl-C.\n"
                  << std::flush;
        sim::bridge::run_until_signal(io, bridge);
        io.run();
    } catch (const std::exception& e) {
        std::cerr << "maillab serve: " << e.what() << '\n';
        return 1;
    }
    return 0;
}

}  // namespace

void register_serve_command(CLI::App& app, Commands& commands) {
    auto args = std::make_shared<ServeArgs>();
    CLI::App* cmd = app.add_subcommand("serve", "Open the simulated mail server to real clients");
    cmd->add_option("--listen", args->listen, "Address to listen on")->capture_default_str();
    cmd->add_option("--port-base", args->port_base,
                    "Real port = base + standard port (2025, 2587, 2465, 2110, 2995)")
        ->capture_default_str()
        ->check(CLI::Range(1, 64000));
    cmd->add_option("--user", args->users, "An account NAME:PASSWORD (repeatable)");
    cmd->add_option("--trace", args->trace, "Write the trace as JSON lines while serving");
    cmd->add_option("--data", args->data, "Keep mailboxes and queue on disk here");
    cmd->callback([&commands, args] { commands.chosen = [args] { return serve(*args); }; });
}

}  // namespace maillab::cli
