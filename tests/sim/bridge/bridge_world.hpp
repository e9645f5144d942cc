// Test support for the bridge: a small simulated world with POP3 servers
// (plaintext on sim port 110, implicit TLS on 995), a Bridge on a port base
// derived from the process id, bounded ways to run the io_context while a
// real client works on another thread, and a blocking POSIX line client.
// The simulator is touched only from the test thread (the io_context's).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <asio.hpp>

#include "protocols/core/session.hpp"
#include "protocols/pop3/memory_maildrop.hpp"
#include "protocols/tls/tls_context.hpp"
#include "sim/bridge/bridge.hpp"
#include "sim/net/service.hpp"

namespace maillab::test {

inline constexpr std::uint16_t kPop3Port = 110;
inline constexpr std::uint16_t kPop3sPort = 995;
inline constexpr std::chrono::seconds kClientTimeout{10};

// A port base in [20000, 40000) from the pid, so parallel test processes
// rarely collide; `attempt` moves it on when they do.
std::uint16_t test_port_base(int attempt);

sim::bridge::BridgeConfig test_bridge_config();

struct BridgeWorld {
    explicit BridgeWorld(sim::bridge::BridgeConfig config = test_bridge_config());

    // Opens listeners for the given sim ports, retrying with another port
    // base when one is taken; returns the real ports in the same order.
    // `refusal` is what each listener tells a client over its limit.
    std::vector<std::uint16_t> open(const std::vector<std::uint16_t>& sim_ports,
                                    const std::string& refusal = {});

    // Runs the io_context until done() or the time limit; returns done().
    bool run_until(const std::function<bool()>& done,
                   std::chrono::milliseconds limit = std::chrono::seconds{20});
    // Runs `client` on its own thread while the io_context runs here.
    template <class F>
    auto with_client(F client) -> decltype(client()) {
        auto result = std::async(std::launch::async, std::move(client));
        run_until(
            [&] { return result.wait_for(std::chrono::seconds{0}) == std::future_status::ready; },
            std::chrono::seconds{30});
        return result.get();
    }

    std::vector<const sim::Event*> events(sim::EventKind kind) const;
    // The simulated host made for the n-th real connection (0-based), if any.
    std::optional<sim::HostId> client_host(std::size_t n) const;
    // The virtual connection that host opened (its TcpSyn).
    std::optional<sim::ConnId> conn_of(sim::HostId client) const;

    asio::io_context io;
    sim::Simulator sim{7};
    sim::Network net{sim};
    sim::Tcp tcp{net};
    sim::HostId router;
    sim::HostId server;
    protocols::pop3::MemoryMaildrop maildrop;
    std::string first_message;
    sim::Service pop3;
    sim::Service pop3s;
    sim::bridge::BridgeConfig config;
    std::unique_ptr<sim::bridge::Bridge> bridge;
};

// A server session for the bridge's own tests: what it puts in output_ is
// sent, it makes no events, and it closes when its peer does.
class TestSession : public protocols::core::Session {
public:
    void start() override {}
    std::string take_output() override { return std::exchange(output_, {}); }
    std::vector<protocols::core::ProtocolEvent> take_events() override { return {}; }
    bool closed() const override { return closed_; }
    void on_timeout() override {}
    void on_peer_closed() override { closed_ = true; }

protected:
    std::string output_;
    bool closed_ = false;
};

// A blocking client on a POSIX socket; every wait is bounded by kClientTimeout.
class LineClient {
public:
    explicit LineClient(std::uint16_t port);
    ~LineClient();
    LineClient(const LineClient&) = delete;
    LineClient& operator=(const LineClient&) = delete;

    bool connected() const { return fd_ >= 0; }
    void send(const std::string& bytes);
    // One line without its CRLF; nullopt on EOF, error or timeout.
    std::optional<std::string> read_line();
    // True when the server closed the connection without sending more.
    bool at_eof();
    // True when nothing has arrived yet (does not wait).
    bool nothing_yet() const;
    // What arrives next (waiting up to the client timeout): the octets read,
    // 0 on EOF, error or timeout. They are not kept.
    std::size_t read_some();
    // Everything up to EOF.
    std::string read_to_eof();
    void close();
    // Close with RST (SO_LINGER 0).
    void reset();

private:
    // 1 = data available, 0 = EOF, -1 = error or timeout.
    int fill();

    int fd_ = -1;
    std::string buffer_;
};

struct CommandResult {
    int status = -1;
    std::string output;
};
// Runs a shell command (stdout and stderr), bounded by `timeout 30`.
CommandResult run_command(const std::string& command);
// Open socket descriptors of this process (from /proc/self/fd).
std::size_t open_sockets();

}  // namespace maillab::test
