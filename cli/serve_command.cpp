#include "cli/serve_command.hpp"

#include <asio.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>

#include "cli/keylog_file.hpp"
#include "cli/serve_window.hpp"
#include "protocols/tls/certificate.hpp"
#include "sim/bridge/bridge.hpp"
#include "sim/trace/jsonl_export.hpp"
#include "sim/world/world.hpp"

namespace maillab::cli {

namespace {

namespace tls = protocols::tls;

constexpr const char* kMailServer = "mail.maillab.test";
constexpr const char* kRemoteServer = "mx.elsewhere.test";
// FETCH responses of one command that serve traces one by one (a screenful).
constexpr std::size_t kServeTracedFetchLines = 100;

struct ServeArgs {
    std::string listen = "127.0.0.1";
    std::uint16_t port_base = 2000;
    std::vector<std::string> users;
    std::string trace;
    std::string data;
    std::string tls_cert;
    std::string tls_key;
    std::string keylog;
    unsigned idle_timeout_seconds = 15 * 60;
    std::size_t max_connections = 100;
    double link_latency_ms = 0.0;
    std::size_t trace_memory_mib = 256;
    bool offline_remote = false;
    bool gui = false;
    std::string screenshot;
};

// $XDG_DATA_HOME/maillab, or ~/.local/share/maillab as the XDG spec says
// when the variable is unset or not absolute.
std::filesystem::path default_data_dir() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    if (xdg != nullptr && std::filesystem::path{xdg}.is_absolute()) {
        return std::filesystem::path{xdg} / "maillab";
    }
    const char* home = std::getenv("HOME");
    return std::filesystem::path{home != nullptr ? home : "."} / ".local" / "share" / "maillab";
}

// The server's certificate: the files given, else the self-signed pair made
// on first use and kept under DATA/tls, so clients that accepted it once
// (fetchmail's fingerprint, a mail app's "trust this certificate") see the
// same one after a restart.
tls::CertificateAndKey server_credentials(const ServeArgs& args) {
    // Both loaders refuse a key that does not belong to the certificate.
    if (!args.tls_cert.empty()) return tls::load_certificate_and_key(args.tls_cert, args.tls_key);
    return tls::load_or_create_self_signed(args.data, kMailServer,
                                           {kMailServer, "localhost", "127.0.0.1"});
}

// What a client over a listener's connection limit reads before the close:
// Postfix's words for SMTP (RFC 5321 §3.8), a temporary-failure response code
// for POP3 (RFC 3206 §4), a BYE greeting for IMAP; nothing on implicit TLS, where plaintext would
// break the client's handshake.
std::string refusal_line(sim::ServiceKind kind) {
    switch (kind) {
        case sim::ServiceKind::Smtp:
        case sim::ServiceKind::Submission:
            return std::string{"421 4.7.0 "} + kMailServer +
                   " Error: too many connections, try again later\r\n";
        case sim::ServiceKind::Pop3:
            return "-ERR [SYS/TEMP] too many connections, try again later\r\n";
        case sim::ServiceKind::Imap:
            // RFC 3501 §7.1.5: BYE as the greeting, the server will not serve this client.
            return "* BYE [UNAVAILABLE] too many connections, try again later\r\n";
        case sim::ServiceKind::Submissions:
        case sim::ServiceKind::Pop3s:
        case sim::ServiceKind::Imaps:
            return {};
    }
    return {};
}

// After a restart the queue holds what the last run acknowledged; its retry
// times belong to the old run's clock, so everything waiting is tried now.
void retry_queue_now(sim::World& world) {
    for (const auto& server : world.servers()) {
        std::set<std::string> domains;
        for (const auto& [id, entry] : server->queue().entries()) {
            for (const auto& recipient : entry.envelope.recipients) {
                const auto at = recipient.address.rfind('@');
                if (at != std::string::npos) domains.insert(recipient.address.substr(at + 1));
            }
        }
        for (const auto& domain : domains)
            server->queue().flush(domain, world.sim().now());
        sim::MailServer* s = server.get();
        world.sim().schedule(0, [s] { s->kick_queue(); });
    }
}

// Every link of serve's world, the real clients' included: no delay by
// default, neither latency nor the time a segment takes to put on the wire,
// so real clients on the loopback are not slowed by a make-believe distance
// (a 10 KB answer on a 1 Gbit/s link waited for eight timer wake-ups). A
// teacher who wants to watch packets travel asks for a latency, and then
// gets a 1 Gbit/s link too.
sim::LinkParams serve_link(const ServeArgs& args) {
    const auto latency = static_cast<sim::SimTime>(args.link_latency_ms * 1000.0);
    return {.latency = latency, .bandwidth_bps = latency > 0 ? 1'000'000'000u : 0u};
}

// The default world: maillab.test, whose server real clients talk to, and
// elsewhere.test, reached by MX through the simulated internet.
std::unique_ptr<sim::World> default_world(const ServeArgs& args,
                                          std::vector<sim::AccountSpec> accounts) {
    auto world = std::make_unique<sim::World>(
        sim::WorldConfig{.seed = 1, .default_link = serve_link(args), .group_commit = true});
    const std::filesystem::path data{args.data};
    sim::ServerSpec here{.name = kMailServer,
                         .address = "10.0.0.10",
                         .domains = {"maillab.test"},
                         .accounts = std::move(accounts)};
    // Plaintext logins only because every listener is on loopback (RFC 8314 §3).
    here.plaintext_auth_allowed = args.listen == "127.0.0.1" || args.listen == "::1";
    here.data_dir = data / kMailServer;
    // Real clients fetch whole mailboxes: the trace keeps the first responses of a FETCH
    // one by one and counts the rest.
    here.imap_traced_fetch_lines = kServeTracedFetchLines;
    here.tls_credentials = server_credentials(args);
    world->add_server(std::move(here));
    sim::MailServer& remote = world->add_server({.name = kRemoteServer,
                                                 .address = "10.0.0.20",
                                                 .domains = {"elsewhere.test"},
                                                 .accounts = {{"carol", "carol", {}}},
                                                 .data_dir = data / kRemoteServer});
    if (args.offline_remote) remote.set_up(false);
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

    std::unique_ptr<sim::World> world;
    try {
        world = default_world(args, accounts);
        // The real clients' sessions all end at mail.maillab.test.
        if (!args.keylog.empty())
            append_keylog_to(args.keylog, {world->server(kMailServer)->tls()});
    } catch (const std::exception& e) {
        std::cerr << "maillab serve: " << e.what() << '\n';
        return 1;
    }
    retry_queue_now(*world);
    world->trace().set_text_budget(args.trace_memory_mib << 20);
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
    config.max_connections = args.max_connections;
    config.client_link = serve_link(args);
    config.limits.idle_timeout = std::chrono::seconds{args.idle_timeout_seconds};
    sim::MailServer& server = *world->server(kMailServer);
    try {
        sim::bridge::Bridge bridge{io,           world->sim(),    world->net(),
                                   world->tcp(), world->router(), config};
        bridge.hold_output_until_durable(*world->group_commit());
        for (const auto kind : server.spec().services) {
            bridge.open(server.host(), sim::standard_port(kind),
                        std::string{sim::protocol_name(kind)}, refusal_line(kind));
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
        std::cout << "\nMail to someone@elsewhere.test is relayed by MX inside the simulation"
                  << (args.offline_remote ? " (its server is down: mail waits in the queue)" : "")
                  << ".\nKept on disk: " << args.data << "\nStop with Ctrl-C.\n"
                  << std::flush;
        if (args.gui && serve_window_available()) {
            std::cout << "The window shows every session as it happens; closing it stops serving.\n"
                      << std::flush;
            return run_serve_window(io, bridge, *world,
                                    {.title = "maillab serve: real clients on " + args.listen,
                                     .screenshot = args.screenshot});
        }
        if (args.gui) std::cout << "Serving without the window.\n" << std::flush;
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
                    "Real port = base + standard port (2025, 2587, 2465, 2110, 2995, 2143, 2993)")
        ->capture_default_str()
        ->check(CLI::Range(1, 64000));
    cmd->add_option("--user", args->users, "An account NAME:PASSWORD (repeatable)");
    cmd->add_option("--trace", args->trace, "Write the trace as JSON lines while serving");
    args->data = default_data_dir().string();
    cmd->add_option("--data", args->data, "Mailboxes, queue and certificate are kept here")
        ->capture_default_str();
    auto* cert =
        cmd->add_option("--tls-cert", args->tls_cert,
                        "Certificate (PEM) instead of the self-signed one kept under --data");
    auto* key = cmd->add_option("--tls-key", args->tls_key, "Private key (PEM) of --tls-cert");
    cert->needs(key);
    key->needs(cert);
    cmd->add_option("--keylog", args->keylog,
                    "Append the TLS session keys (SSLKEYLOGFILE format) for Wireshark");
    cmd->add_option("--idle-timeout", args->idle_timeout_seconds,
                    "Close a connection silent this many seconds")
        ->capture_default_str()
        ->check(CLI::Range(1, 24 * 3600));
    cmd->add_option("--max-connections", args->max_connections,
                    "Live connections per listener; more are refused")
        ->capture_default_str()
        ->check(CLI::Range(1, 10000));
    cmd->add_option(
           "--link-latency", args->link_latency_ms,
           "One-way delay of every simulated link in ms (0: as fast as loopback; lessons use 10)")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 10'000.0));
    cmd->add_option("--trace-memory", args->trace_memory_mib,
                    "MiB of traced bytes kept in memory; older ones are released (0: keep all)")
        ->capture_default_str()
        ->check(CLI::Range(0, 1 << 20));
    cmd->add_flag("--gui", args->gui,
                  "Show the sessions live in the window (with no display: say so and serve on)");
    cmd->add_option("--screenshot", args->screenshot,
                    "With --gui: save the window as a PNG after a few frames and stop (tests)");
    cmd->add_flag("--offline-remote", args->offline_remote,
                  "Start with mx.elsewhere.test down, so mail for it waits in the queue");
    cmd->callback([&commands, args] { commands.chosen = [args] { return serve(*args); }; });
}

}  // namespace maillab::cli
