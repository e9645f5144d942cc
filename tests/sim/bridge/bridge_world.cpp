#include "tests/sim/bridge/bridge_world.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "protocols/pop3/server_session.hpp"
#include "protocols/tls/certificate.hpp"
#include "protocols/tls/secure_session.hpp"

namespace maillab::test {

using namespace maillab::sim;
namespace pop3 = maillab::protocols::pop3;
namespace tls = maillab::protocols::tls;

namespace {

constexpr int kMaxPortAttempts = 20;
constexpr std::size_t kMaxLine = 64 * 1024;

const char* const kMessage1 =
    "From: bob@example.test\r\nTo: alice@example.test\r\nSubject: First via the bridge\r\n"
    "\r\nHello Alice.\r\n";
const char* const kMessage2 =
    "From: carol@example.test\r\nTo: alice@example.test\r\nSubject: Second\r\n\r\nHi.\r\n";

sim::Service::Factory pop3_factory(pop3::MemoryMaildrop& maildrop) {
    return [&maildrop](const maillab::sim::Connection&) {
        pop3::ServerConfig config;
        config.allow_plaintext_auth = true;
        return std::make_unique<pop3::ServerSession>(maildrop, config);
    };
}

sim::Service::Factory pop3s_factory(pop3::MemoryMaildrop& maildrop) {
    auto context = tls::TlsContext::server(
        tls::generate_self_signed("pop.maillab.test", {"pop.maillab.test", "127.0.0.1"}));
    return [&maildrop, context](const maillab::sim::Connection&) {
        pop3::ServerConfig config;
        config.tls_active = true;
        return std::make_unique<tls::SecureSession>(
            std::make_unique<pop3::ServerSession>(maildrop, config), context,
            tls::TlsMode::Implicit);
    };
}

}  // namespace

std::uint16_t test_port_base(int attempt) {
    const auto pid = static_cast<unsigned>(getpid());
    return static_cast<std::uint16_t>(20000 + (pid + static_cast<unsigned>(attempt) * 997) % 20000);
}

bridge::BridgeConfig test_bridge_config() {
    bridge::BridgeConfig config;
    config.port_base = test_port_base(0);
    config.client_link = {.latency = 2'000};
    return config;
}

BridgeWorld::BridgeWorld(bridge::BridgeConfig config_in)
    : router(net.add_host("internet", "10.0.0.1", HostRole::Router)),
      server(net.add_host("pop.maillab.test", "192.0.2.110", HostRole::Server)),
      pop3(tcp, server, kPop3Port, "pop3", pop3_factory(maildrop)),
      pop3s(tcp, server, kPop3sPort, "pop3s", pop3s_factory(maildrop)),
      config(std::move(config_in)) {
    net.add_link(router, server, {.latency = 1'000});
    maildrop.add_user("alice", "secret");
    maildrop.add_message("alice", kMessage1);
    maildrop.add_message("alice", kMessage2);
    first_message = kMessage1;
    sim.run_until_idle();
    bridge = std::make_unique<bridge::Bridge>(io, sim, net, tcp, router, config);
}

std::vector<std::uint16_t> BridgeWorld::open(const std::vector<std::uint16_t>& sim_ports,
                                             const std::string& refusal) {
    for (int attempt = 0; attempt < kMaxPortAttempts; ++attempt) {
        try {
            std::vector<std::uint16_t> ports;
            for (auto port : sim_ports)
                ports.push_back(bridge->open(server, port, "pop3", refusal));
            return ports;
        } catch (const bridge::BridgeError&) {
            bridge->stop();
            config.port_base = test_port_base(attempt + 1);
            bridge = std::make_unique<bridge::Bridge>(io, sim, net, tcp, router, config);
        }
    }
    throw std::runtime_error("no free port base for the bridge test");
}

bool BridgeWorld::run_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
        io.run_for(std::chrono::milliseconds{5});
        if (io.stopped()) {
            io.restart();
            // No work at all: the other thread is the only one making progress.
            std::this_thread::sleep_for(std::chrono::milliseconds{1});
        }
    }
    return done();
}

std::vector<const Event*> BridgeWorld::events(EventKind kind) const {
    std::vector<const Event*> out;
    for (const auto& e : sim.trace().events()) {
        if (e.kind == kind) out.push_back(&e);
    }
    return out;
}

std::optional<HostId> BridgeWorld::client_host(std::size_t n) const {
    std::size_t seen = 0;
    for (HostId id = 0; id < net.host_count(); ++id) {
        if (net.host(id).role != HostRole::RealClient) continue;
        if (seen++ == n) return id;
    }
    return std::nullopt;
}

std::optional<ConnId> BridgeWorld::conn_of(HostId client) const {
    for (const auto* e : events(EventKind::TcpSyn)) {
        if (e->host == client) return e->conn;
    }
    return std::nullopt;
}

LineClient::LineClient(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) close();
}

LineClient::~LineClient() {
    close();
}

void LineClient::send(const std::string& bytes) {
    std::size_t done = 0;
    while (fd_ >= 0 && done < bytes.size()) {
        const auto n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

int LineClient::fill() {
    if (fd_ < 0) return -1;
    pollfd p{.fd = fd_, .events = POLLIN, .revents = 0};
    const int timeout_ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(kClientTimeout).count());
    if (::poll(&p, 1, timeout_ms) != 1) return -1;
    std::array<char, 4096> chunk{};
    const auto n = ::recv(fd_, chunk.data(), chunk.size(), 0);
    if (n < 0) return -1;
    if (n == 0) return 0;
    buffer_.append(chunk.data(), static_cast<std::size_t>(n));
    return 1;
}

std::size_t LineClient::read_some() {
    buffer_.clear();
    if (fill() != 1) return 0;
    const std::size_t n = buffer_.size();
    buffer_.clear();
    return n;
}

std::optional<std::string> LineClient::read_line() {
    while (buffer_.size() < kMaxLine) {
        const auto end = buffer_.find("\r\n");
        if (end != std::string::npos) {
            std::string line = buffer_.substr(0, end);
            buffer_.erase(0, end + 2);
            return line;
        }
        if (fill() != 1) return std::nullopt;
    }
    return std::nullopt;
}

bool LineClient::nothing_yet() const {
    pollfd p{.fd = fd_, .events = POLLIN, .revents = 0};
    return buffer_.empty() && fd_ >= 0 && ::poll(&p, 1, 0) == 0;
}

bool LineClient::at_eof() {
    return buffer_.empty() && fill() == 0;
}

std::string LineClient::read_to_eof() {
    while (buffer_.size() < kMaxLine && fill() == 1) {
    }
    return std::exchange(buffer_, {});
}

void LineClient::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

void LineClient::reset() {
    if (fd_ < 0) return;
    linger option{.l_onoff = 1, .l_linger = 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &option, sizeof option);
    close();
}

CommandResult run_command(const std::string& command) {
    CommandResult result;
    const std::string full = "timeout 30 " + command + " 2>&1";
    FILE* pipe = ::popen(full.c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 4096> chunk{};
    while (auto n = std::fread(chunk.data(), 1, chunk.size(), pipe))
        result.output.append(chunk.data(), n);
    const int status = ::pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::size_t open_sockets() {
    std::size_t count = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
        std::error_code link_ec;
        const auto target = std::filesystem::read_symlink(entry.path(), link_ec);
        if (!link_ec && target.string().rfind("socket:", 0) == 0) ++count;
    }
    return count;
}

}  // namespace maillab::test
