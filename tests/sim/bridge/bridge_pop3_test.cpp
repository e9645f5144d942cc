// Real POP3 clients through the bridge: a raw socket client and Python's
// poplib (plaintext and implicit TLS) against POP3 servers in the simulated
// world, checked from the client's side and in the trace.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/sim/bridge/bridge_world.hpp"

using namespace maillab::sim;
using maillab::test::BridgeWorld;
using maillab::test::LineClient;

namespace {

struct Conversation {
    std::vector<std::optional<std::string>> lines;
    bool eof = false;
};

// Every command and reply of the server's sessions on one virtual connection.
std::vector<std::string> session_lines(const BridgeWorld& w, EventKind kind, ConnId conn) {
    std::vector<std::string> out;
    for (const auto* e : w.events(kind)) {
        if (e->conn == conn && e->host == w.server) out.emplace_back(w.sim.trace().payload(*e));
    }
    return out;
}

bool contains_prefix(const std::vector<std::string>& lines, const std::string& prefix) {
    for (const auto& line : lines) {
        if (line.rfind(prefix, 0) == 0) return true;
    }
    return false;
}

std::filesystem::path write_script(const std::string& name, const std::string& text) {
    auto path =
        std::filesystem::temp_directory_path() / (name + "_" + std::to_string(getpid()) + ".py");
    std::ofstream(path) << text;
    return path;
}

const char* const kPoplibScript = R"(import poplib, ssl, sys
port = int(sys.argv[1])
if sys.argv[2] == "tls":
    p = poplib.POP3_SSL("127.0.0.1", port, timeout=10, context=ssl._create_unverified_context())
else:
    p = poplib.POP3("127.0.0.1", port, timeout=10)
print("greeting", p.getwelcome().decode())
p.user("alice")
p.pass_("secret")
print("stat", p.stat())
resp, lines, octets = p.retr(1)
print("retr", resp.decode(), [l.decode() for l in lines])
print("quit", p.quit().decode())
)";

// Runs kPoplibScript against the port while the world runs; mode "plain" or "tls".
maillab::test::CommandResult run_poplib(BridgeWorld& w, std::uint16_t port, const char* mode) {
    const auto script = write_script("bridge_poplib", kPoplibScript);
    auto result = w.with_client([&] {
        return maillab::test::run_command("python3 " + script.string() + " " +
                                          std::to_string(port) + " " + mode);
    });
    std::filesystem::remove(script);
    return result;
}

}  // namespace

TEST_CASE("bridge: a raw socket client runs USER/PASS/STAT/QUIT against a simulated POP3 server") {
    BridgeWorld w;
    const auto ports = w.open({maillab::test::kPop3Port});
    REQUIRE(ports[0] == w.config.port_base + 110);

    const Conversation talk = w.with_client([port = ports[0]] {
        Conversation c;
        LineClient client(port);
        c.lines.push_back(client.read_line());
        client.send("USER alice\r\n");
        c.lines.push_back(client.read_line());
        client.send("PASS secret\r\n");
        c.lines.push_back(client.read_line());
        client.send("STAT\r\n");
        c.lines.push_back(client.read_line());
        client.send("QUIT\r\n");
        c.lines.push_back(client.read_line());
        c.eof = client.at_eof();
        return c;
    });
    REQUIRE(talk.lines.size() == 5);
    for (const auto& line : talk.lines)
        REQUIRE(line.has_value());
    CHECK(talk.lines[0]->rfind("+OK", 0) == 0);
    CHECK(talk.lines[1]->rfind("+OK", 0) == 0);
    CHECK(talk.lines[2]->rfind("+OK", 0) == 0);
    const auto total =
        w.maildrop.messages("alice")[0].bytes.size() + w.maildrop.messages("alice")[1].bytes.size();
    CHECK(*talk.lines[3] == "+OK 2 " + std::to_string(total));
    CHECK(talk.lines[4]->rfind("+OK", 0) == 0);
    CHECK(talk.eof);

    REQUIRE(w.run_until([&] { return w.bridge->active_connections() == 0; }));
    const auto client = w.client_host(0);
    REQUIRE(client);
    CHECK(w.net.host(*client).name.rfind("client 127.0.0.1:", 0) == 0);
    CHECK(format_ipv4(w.net.host(*client).address) == "10.99.0.1");
    const auto conn = w.conn_of(*client);
    REQUIRE(conn);
    const auto commands = session_lines(w, EventKind::Command, *conn);
    CHECK(contains_prefix(commands, "STAT"));
    CHECK(contains_prefix(commands, "QUIT"));
    CHECK(contains_prefix(session_lines(w, EventKind::Reply, *conn), *talk.lines[3]));

    bool noted = false;
    for (const auto* e : w.events(EventKind::SessionNote)) {
        noted = noted ||
                (e->host == *client && e->conn == *conn &&
                 w.sim.trace().payload(*e).rfind("real client connected from 127.0.0.1:", 0) == 0);
    }
    CHECK(noted);
    // Both FINs were exchanged and the client host was marked down afterwards.
    REQUIRE(w.run_until([&] { return !w.net.host(*client).up; }));
    std::size_t fins = 0;
    for (const auto* e : w.events(EventKind::TcpFin))
        fins += e->conn == *conn ? 1u : 0u;
    CHECK(fins == 2);
    const auto listeners = w.bridge->listeners();
    REQUIRE(listeners.size() == 1);
    CHECK(listeners[0].accepted == 1);
    CHECK(listeners[0].active == 0);
    CHECK(listeners[0].server_name == "pop.maillab.test");
}

TEST_CASE("bridge: Python's poplib reads mail from a simulated POP3 server") {
    BridgeWorld w;
    const auto ports = w.open({maillab::test::kPop3Port});
    const auto result = run_poplib(w, ports[0], "plain");
    INFO(result.output);
    REQUIRE(result.status == 0);
    CHECK(result.output.find("greeting +OK") != std::string::npos);
    CHECK(result.output.find("stat (2, ") != std::string::npos);
    CHECK(result.output.find("'Subject: First via the bridge'") != std::string::npos);
    CHECK(result.output.find("'Hello Alice.'") != std::string::npos);
    CHECK(result.output.find("quit +OK") != std::string::npos);

    REQUIRE(w.run_until([&] { return w.bridge->active_connections() == 0; }));
    const auto conn = w.conn_of(*w.client_host(0));
    REQUIRE(conn);
    CHECK(contains_prefix(session_lines(w, EventKind::Command, *conn), "RETR 1"));
    CHECK(contains_prefix(session_lines(w, EventKind::Reply, *conn), "+OK 2 "));
}

TEST_CASE("bridge: poplib over implicit TLS, with only ciphertext on the virtual network") {
    BridgeWorld w;
    const auto ports = w.open({maillab::test::kPop3sPort});
    REQUIRE(ports[0] == w.config.port_base + 995);
    const auto result = run_poplib(w, ports[0], "tls");
    INFO(result.output);
    REQUIRE(result.status == 0);
    CHECK(result.output.find("stat (2, ") != std::string::npos);
    CHECK(result.output.find("'Subject: First via the bridge'") != std::string::npos);

    REQUIRE(w.run_until([&] { return w.bridge->active_connections() == 0; }));
    const auto client = w.client_host(0);
    REQUIRE(client);
    const auto conn = w.conn_of(*client);
    REQUIRE(conn);
    // The server's engine saw the commands in the clear...
    CHECK(contains_prefix(session_lines(w, EventKind::Command, *conn), "STAT"));
    CHECK(contains_prefix(session_lines(w, EventKind::Reply, *conn), "+OK 2 "));
    // ...while on the wire there were only TLS records, starting with the ClientHello.
    std::size_t segments = 0;
    for (const auto* e : w.events(EventKind::TcpSegment)) {
        if (e->conn != *conn) continue;
        if (segments++ == 0) {
            CHECK(e->host == *client);
            CHECK(w.sim.trace().payload(*e).substr(0, 2) == std::string_view("\x16\x03", 2));
        }
        const auto bytes = w.sim.trace().payload(*e);
        CHECK(bytes.find("alice") == std::string_view::npos);
        CHECK(bytes.find("Subject:") == std::string_view::npos);
    }
    CHECK(segments >= 4);
}
