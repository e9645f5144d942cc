#include "cli/serve_command.hpp"

#include <asio.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <set>

#include "cli/account_sheet.hpp"
#include "cli/class_report.hpp"
#include "cli/classroom_accounts.hpp"
#include "cli/keylog_file.hpp"
#include "cli/listen_addresses.hpp"
#include "cli/serve_controls.hpp"
#include "cli/serve_window.hpp"
#include "cli/window_look.hpp"
#include "protocols/tls/certificate.hpp"
#include "sim/bridge/bridge.hpp"
#include "sim/trace/jsonl_export.hpp"
#include "sim/world/world.hpp"
#include "viz/model/class_table.hpp"

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
    std::size_t max_per_address = 20;
    std::size_t max_failed_logins = 10;
    std::optional<int> classroom;  // students; none: not a classroom
    bool allow_plaintext = false;
    std::string class_report;
    double link_latency_ms = 0.0;
    std::size_t trace_memory_mib = 256;
    bool offline_remote = false;
    bool gui = false;
    std::string screenshot;
    std::string size = "1600x900";
    std::string scale;  // "150" or "150%"; empty: the remembered scale
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
// It names the mail server, this machine's host name and every address
// serve can be reached on, so a client that checks names finds its own.
tls::CertificateAndKey server_credentials(const ServeArgs& args) {
    // Both loaders refuse a key that does not belong to the certificate.
    if (!args.tls_cert.empty()) return tls::load_certificate_and_key(args.tls_cert, args.tls_key);
    std::vector<std::string> names{kMailServer, "localhost"};
    if (const std::string host = machine_host_name(); !host.empty() && host != "localhost")
        names.push_back(host);
    names.push_back("127.0.0.1");
    for (const auto& address : reachable_addresses(args.listen)) {
        if (std::find(names.begin(), names.end(), address) == names.end()) names.push_back(address);
    }
    if (names.size() > tls::kMaxSubjectAltNames) names.resize(tls::kMaxSubjectAltNames);
    return tls::load_or_create_self_signed(args.data, kMailServer, names);
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

// What an address locked out after failed logins reads before the close;
// nothing on implicit TLS, as for the connection limit.
std::string lockout_line(sim::ServiceKind kind) {
    const std::string why = "too many failed logins from your address, try again in 5 minutes\r\n";
    switch (kind) {
        case sim::ServiceKind::Smtp:
        case sim::ServiceKind::Submission:
            return std::string{"421 4.7.0 "} + kMailServer + " " + why;
        case sim::ServiceKind::Pop3:
            return "-ERR " + why;
        case sim::ServiceKind::Imap:
            return "* BYE [UNAVAILABLE] " + why;
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
    // Plaintext logins only when nobody else can listen in: a loopback
    // listener, or the teacher's --allow-plaintext demonstration (RFC 8314 §3).
    here.plaintext_auth_allowed = args.allow_plaintext || is_loopback_address(args.listen);
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

// The real port of each service, for the account sheet.
SheetPorts sheet_ports(const std::vector<sim::bridge::ListenerInfo>& listeners) {
    SheetPorts ports;
    for (const auto& l : listeners) {
        if (l.protocol == "submission") ports.submission = l.real_port;
        if (l.protocol == "submissions") ports.submissions = l.real_port;
        if (l.protocol == "imap") ports.imap = l.real_port;
        if (l.protocol == "imaps") ports.imaps = l.real_port;
        if (l.protocol == "pop3") ports.pop3 = l.real_port;
        if (l.protocol == "pop3s") ports.pop3s = l.real_port;
    }
    return ports;
}

// DATA/classroom/accounts.html and .txt, readable by the owner only (they
// hold every password); returns the HTML file's path.
std::filesystem::path write_account_sheets(const ServeArgs& args, const SheetServer& server,
                                           const std::vector<ClassroomAccount>& accounts) {
    const std::filesystem::path dir = classroom_accounts_file(args.data).parent_path();
    const std::filesystem::path html = dir / "account-sheet.html";
    const std::filesystem::path text = dir / "account-sheet.txt";
    for (const auto& [file, content] : {std::pair{html, account_sheet_html(server, accounts)},
                                        std::pair{text, account_sheet_text(server, accounts)}}) {
        std::ofstream out{file, std::ios::trunc};
        std::filesystem::permissions(
            file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        out << content;
        if (!out.flush()) throw std::runtime_error{"cannot write " + file.string()};
    }
    return html;
}

void write_class_report(const ServeArgs& args, const viz::ClassTable* table) {
    if (args.class_report.empty() || table == nullptr) return;
    std::ofstream out{args.class_report, std::ios::trunc};
    out << class_report_json(*table);
    if (!out.flush()) std::cerr << "maillab serve: cannot write " << args.class_report << '\n';
}

int serve(const ServeArgs& args) {
    const auto look = parse_window_look("maillab serve", args.size, args.scale);
    if (!look) return kUsageError;
    try {
        reachable_addresses(args.listen);
    } catch (const std::invalid_argument& e) {
        std::cerr << "maillab serve: --listen: " << e.what() << '\n';
        return kUsageError;
    }
    std::vector<ClassroomAccount> class_accounts;
    if (args.classroom) {
        if (!args.users.empty()) {
            std::cerr << "maillab serve: --classroom makes the accounts; leave out --user\n";
            return kUsageError;
        }
        try {
            class_accounts = load_or_create_classroom(args.data, *args.classroom);
        } catch (const std::invalid_argument& e) {
            std::cerr << "maillab serve: " << e.what() << '\n';
            return kUsageError;
        } catch (const std::exception& e) {
            std::cerr << "maillab serve: " << e.what() << '\n';
            return 1;
        }
    }
    std::vector<sim::AccountSpec> accounts;
    for (const auto& a : class_accounts)
        accounts.push_back({a.user, a.password, {}});
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
    // Counted as events arrive, before the trace budget releases their text.
    std::unique_ptr<viz::ClassTable> class_table;
    if (!class_accounts.empty()) {
        std::vector<std::string> names;
        for (const auto& a : class_accounts)
            names.push_back(a.user);
        class_table = std::make_unique<viz::ClassTable>(names, "maillab.test", kMailServer);
        class_table->index(world->trace());
        viz::ClassTable* table = class_table.get();
        world->trace().subscribe(
            [table](const sim::Trace& t, const sim::Event&) { table->index(t); });
    }
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
    config.max_connections_per_address = args.max_per_address;
    config.max_failed_logins_per_address = args.max_failed_logins;
    config.client_link = serve_link(args);
    config.limits.idle_timeout = std::chrono::seconds{args.idle_timeout_seconds};
    sim::MailServer& server = *world->server(kMailServer);
    try {
        sim::bridge::Bridge bridge{io,           world->sim(),    world->net(),
                                   world->tcp(), world->router(), config};
        bridge.hold_output_until_durable(*world->group_commit());
        for (const auto kind : server.spec().services) {
            bridge.open(server.host(), sim::standard_port(kind),
                        std::string{sim::protocol_name(kind)}, refusal_line(kind),
                        lockout_line(kind));
        }
        std::cout << "maillab serve: the simulated mail server mail.maillab.test is open to real "
                     "clients\n\n";
        for (const auto& l : bridge.listeners()) {
            std::cout << "  " << l.protocol
                      << std::string(14 - std::min<std::size_t>(13, l.protocol.size()), ' ')
                      << l.address << ":" << l.real_port << "  →  " << l.server_name << ":"
                      << l.sim_port << '\n';
        }
        std::cout << (server.spec().plaintext_auth_allowed
                          ? "\nPasswords are accepted without TLS"
                          : "\nPasswords are refused until the client starts TLS")
                  << (args.allow_plaintext ? " (--allow-plaintext: anyone on the network can "
                                             "read them)\n"
                                           : "\n");
        if (!class_accounts.empty()) {
            const SheetServer sheet{
                .address = address_for_students(reachable_addresses(args.listen)),
                .domain = "maillab.test",
                .ports = sheet_ports(bridge.listeners()),
                .fingerprint_sha256 =
                    tls::sha256_fingerprint(server.spec().tls_credentials->certificate_pem),
                .plaintext_allowed = server.spec().plaintext_auth_allowed};
            const auto html = write_account_sheets(args, sheet, class_accounts);
            std::cout << "\nClassroom: " << *args.classroom << " students and " << kTeacherAccount
                      << ", passwords kept in " << classroom_accounts_file(args.data).string()
                      << "\nAccount sheet to print: " << html.string() << " (and "
                      << html.parent_path().string() << "/account-sheet.txt)\n"
                      << "Students set their mail app to " << sheet.address
                      << "; certificate SHA-256 fingerprint:\n  " << sheet.fingerprint_sha256
                      << '\n';
            if (is_loopback_address(sheet.address)) {
                std::cout << "Only this computer can reach " << sheet.address
                          << ": for the students' devices, start with --listen 0.0.0.0 (every "
                             "address) or this computer's network address.\n";
            }
        } else {
            std::cout
                << "\nAccounts (log in with the bare name; mail goes to NAME@maillab.test):\n";
            for (const auto& a : accounts)
                std::cout << "  " << a.user << " / " << a.password << '\n';
        }
        std::cout << "\nMail to someone@elsewhere.test is relayed by MX inside the simulation"
                  << (args.offline_remote ? " (its server is down: mail waits in the queue)" : "")
                  << ".\nKept on disk: " << args.data << "\nStop with Ctrl-C.\n"
                  << std::flush;
        if (args.gui && serve_window_available()) {
            std::cout << "The window shows every session as it happens; closing it stops serving.\n"
                      << std::flush;
            sim::World& w = *world;
            ServeControls controls{w, [&w] { retry_queue_now(w); }};
            const int status =
                run_serve_window(io, bridge, *world,
                                 {.title = "maillab serve: real clients on " + args.listen,
                                  .screenshot = args.screenshot,
                                  .look = *look,
                                  .class_table = class_table.get(),
                                  .controls = &controls});
            write_class_report(args, class_table.get());
            return status;
        }
        if (args.gui) std::cout << "Serving without the window.\n" << std::flush;
        sim::bridge::run_until_signal(io, bridge);
        io.run();
        write_class_report(args, class_table.get());
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
    cmd->add_option(
           "--port-base", args->port_base,
           "Real port = base + standard port (2025, 2587, 2465, 2110, 2995, 2143, 2993; 0: the "
           "standard ports themselves, which need root)")
        ->capture_default_str()
        ->check(CLI::Range(0, 64000));
    cmd->add_option("--user", args->users, "An account NAME:PASSWORD (repeatable)");
    cmd->add_option("--classroom", args->classroom,
                    "Accounts student01..studentN and teacher with generated passwords, and a "
                    "printable account sheet under --data (N: 1 to 200)");
    cmd->add_option("--class-report", args->class_report,
                    "With --classroom: write the class table as JSON here when serve stops");
    cmd->add_flag("--allow-plaintext", args->allow_plaintext,
                  "Accept passwords without TLS on a listener that is not loopback (to show "
                  "what an eavesdropper sees)");
    cmd->add_option("--max-per-address", args->max_per_address,
                    "Live connections from one remote (non-loopback) address; more are refused")
        ->capture_default_str()
        ->check(CLI::Range(1, 10000));
    cmd->add_option("--max-failed-logins", args->max_failed_logins,
                    "Failed logins from one remote address within 10 minutes before it is "
                    "refused for 5 minutes (0: never)")
        ->capture_default_str()
        ->check(CLI::Range(0, 10000));
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
    cmd->add_option("--size", args->size, "With --gui: the window's size, WIDTHxHEIGHT")
        ->capture_default_str();
    cmd->add_option("--scale", args->scale,
                    "With --gui: presenter scale of fonts and layout, 100 to 250 (%)");
    cmd->add_flag("--offline-remote", args->offline_remote,
                  "Start with mx.elsewhere.test down, so mail for it waits in the queue");
    cmd->callback([&commands, args] { commands.chosen = [args] { return serve(*args); }; });
}

}  // namespace maillab::cli
