// Bridge: the transport of `maillab serve`. Real mail clients connect to real
// TCP ports on this machine and talk to servers that live in a simulated
// world; every byte they send travels through the virtual network, so the
// trace, the visualizer and the exports show their sessions like any other.
//
// - open(server, sim_port, protocol) listens on listen_address:port_base +
//   sim_port (2025, 2110, 2143, 2465, 2587, 2993, 2995 with the default base).
// - Each accepted connection becomes a new simulated host "client
//   127.0.0.1:54321" (role RealClient, an address from 10.99.0.0/16, linked to
//   attach_to with client_link) that opens a virtual TCP connection to the
//   server's sim_port; see bridged_connection.hpp for how bytes and ends
//   travel. Network has no way to remove a host, so a client host stays in
//   the world after its connection ends (marked down, so views can hide it);
//   addresses are never reused, so every trace line names one real
//   connection. A name already taken gets " #2", " #3"... appended.
// - Limits: at most max_connections live connections per listener; one more
//   is accepted, told the listener's refusal line if it has one (SMTP's
//   "421 4.7.0 ... too many connections", POP3's "-ERR [SYS/TEMP] ..."), and
//   closed; it is counted as refused — no simulated host is made for it. A
//   listener without a refusal line (implicit TLS, where plaintext would only
//   confuse the client) just closes. When the 10.99.0.0/16 range is used up, new connections are
//   refused the same way. With max_connections_per_address, a remote
//   (non-loopback) address with that many live connections is refused the
//   same way: one student's app cannot take the class's share. A remote
//   address locked out after failed logins (LoginGuard) is refused with the
//   listener's lockout line. Per-connection limits: ConnectionLimits.
// - TLS needs nothing here: an implicit-TLS service in the world is a
//   SecureSession, so the real client's TLS records cross the virtual
//   network as they are.
//
// Single-threaded: the sockets, the RealTimeDriver and the Simulator all run
// on the one io_context thread. The Bridge starts its driver on construction.
// Lifetime: the Simulator, Network and Tcp must outlive the Bridge; stop()
// (also run by the destructor) closes every listener and connection.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include <asio.hpp>

#include "sim/bridge/bridged_connection.hpp"
#include "sim/bridge/login_guard.hpp"
#include "sim/bridge/real_time_driver.hpp"
#include "sim/net/ipv4.hpp"
#include "sim/net/tcp.hpp"

namespace maillab::sim::bridge {

// A listener could not be opened (port in use, no permission, bad address).
class BridgeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct BridgeConfig {
    std::string listen_address = "127.0.0.1";
    std::uint16_t port_base = 2000;
    std::size_t max_connections = 100;  // live connections per listener
    // Live connections from one remote address, over all listeners (0: no
    // limit). Loopback peers are this machine's own clients and not counted.
    std::size_t max_connections_per_address = 0;
    // A remote address with this many failed logins within the window is
    // refused for the lockout (0: never); see login_guard.hpp.
    std::size_t max_failed_logins_per_address = 0;
    std::chrono::seconds failed_login_window{10 * 60};
    std::chrono::seconds failed_login_lockout{5 * 60};
    LinkParams client_link{.latency = 5'000};
    ConnectionLimits limits;
};

struct ListenerInfo {
    HostId server = kNoHost;
    std::string server_name;
    std::uint16_t sim_port = 0;
    std::string address;  // the real address listened on
    std::uint16_t real_port = 0;
    std::string protocol;
    std::size_t active = 0;
    std::size_t accepted = 0;
    std::size_t refused = 0;
};

// One live real connection, for status views and tests.
struct ConnectionStatus {
    HostId client = kNoHost;
    ConnId conn = kNoConn;
    std::size_t unsent = 0;  // octets read from the real client not yet sent on the virtual link
    bool reading_paused = false;
    bool output_backlogged = false;  // its answers wait beyond max_write_queue
};

class Bridge {
public:
    // The first address handed to a real client host, and the range's end.
    static constexpr const char* kClientRangeStart = "10.99.0.1";
    static constexpr const char* kClientRangeEnd = "10.99.255.254";

    Bridge(asio::io_context& io, Simulator& sim, Network& net, Tcp& tcp, HostId attach_to,
           BridgeConfig config = {});
    ~Bridge();
    Bridge(const Bridge&) = delete;
    Bridge& operator=(const Bridge&) = delete;

    // Listens for real clients of `protocol` on server:sim_port; returns the
    // real port. `refusal` (a whole line with CRLF, or empty) is what a client
    // over the connection limit reads before the close. Throws BridgeError
    // when the port cannot be opened, and std::invalid_argument for an
    // unknown server or a port beyond 65535.
    // `lockout`: what a locked-out address reads instead (empty: `refusal`).
    std::uint16_t open(HostId server, std::uint16_t sim_port, std::string protocol,
                       std::string refusal = {}, std::string lockout = {});
    std::vector<ListenerInfo> listeners() const;
    std::size_t active_connections() const;
    std::vector<ConnectionStatus> connections() const;

    // Closes every listener and connection (virtual ones with RST) and stops
    // the driver; the io_context then runs out of work from the bridge.
    void stop();
    bool stopped() const { return stopped_; }

    RealTimeDriver& driver() { return driver_; }

    // From now on the real sockets hold every answer while `group` has
    // fsyncs pending (bridged_connection.hpp), and the commit runs once the
    // input that is ready has been handled, so one commit serves as many
    // sessions as possible. When a commit fails, every connection is
    // dropped unanswered. stop() makes a last commit.
    void hold_output_until_durable(protocols::durable::GroupCommit& group);

private:
    struct Listener;
    struct Registry;

    void accept_next(const std::shared_ptr<Listener>& listener);
    void on_accept(Listener& listener, asio::ip::tcp::socket socket);
    void refuse(const std::string& line, asio::ip::tcp::socket socket);
    std::optional<HostId> add_client_host(const asio::ip::tcp::endpoint& peer);
    void on_finished(BridgedConnection& connection, std::size_t listener_index);
    void commit();

    asio::io_context& io_;
    Simulator& sim_;
    Network& net_;
    Tcp& tcp_;
    HostId attach_to_;
    BridgeConfig config_;
    RealTimeDriver driver_;
    std::vector<std::shared_ptr<Listener>> listeners_;
    std::shared_ptr<Registry> registry_;  // shared with the trace subscription
    Ipv4 next_client_address_;
    std::unordered_map<std::string, std::size_t> live_per_address_;  // remote peers only
    protocols::durable::GroupCommit* durable_ = nullptr;
    bool stopped_ = false;
};

// Runs the io_context until SIGINT or SIGTERM, then stops the bridge and
// lets the io_context finish what the stop started.
void run_until_signal(asio::io_context& io, Bridge& bridge);

}  // namespace maillab::sim::bridge
