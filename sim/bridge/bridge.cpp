#include "sim/bridge/bridge.hpp"

#include <csignal>
#include <iostream>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace maillab::sim::bridge {

namespace {

// How long to wait before accepting again after accept() itself failed
// (out of file descriptors), so the loop does not spin.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
constexpr std::uint16_t kMaxPort = 65535;

}  // namespace

struct Bridge::Listener {
    Listener(asio::io_context& io, std::size_t index_in)
        : acceptor(io), retry(io), index(index_in) {}
    asio::ip::tcp::acceptor acceptor;
    asio::steady_timer retry;
    std::size_t index;
    ListenerInfo info;
    std::string refusal;
    std::string lockout;
    Bridge* bridge = nullptr;  // null once stopped: late handlers do nothing
};

struct Bridge::Registry {
    struct Entry {
        std::shared_ptr<BridgedConnection> connection;
        std::size_t listener = 0;
        std::string counted_address;  // in live_per_address_, or empty
        std::string remote_address;   // the peer's IP unless it is loopback
    };
    std::unordered_map<HostId, Entry> connections;
    std::optional<LoginGuard> guard;
};

Bridge::Bridge(asio::io_context& io, Simulator& sim, Network& net, Tcp& tcp, HostId attach_to,
               BridgeConfig config)
    : io_(io),
      sim_(sim),
      net_(net),
      tcp_(tcp),
      attach_to_(attach_to),
      config_(std::move(config)),
      driver_(io, sim),
      registry_(std::make_shared<Registry>()),
      next_client_address_(*parse_ipv4(kClientRangeStart)) {
    net_.host(attach_to_);  // throws std::out_of_range for an unknown host
    std::weak_ptr<Registry> weak = registry_;
    sim_.trace().subscribe([weak](const Trace& trace, const Event& e) {
        if (e.kind != EventKind::TcpSegment || e.dir != Direction::ClientToServer) return;
        auto registry = weak.lock();
        if (!registry) return;
        auto it = registry->connections.find(e.host);
        if (it == registry->connections.end() || it->second.connection->conn() != e.conn) return;
        auto connection = it->second.connection;  // on_transmitted may end it
        connection->on_transmitted(static_cast<std::uint64_t>(e.value) + trace.payload(e).size());
    });
    if (config_.max_failed_logins_per_address > 0) {
        registry_->guard.emplace(config_.max_failed_logins_per_address, config_.failed_login_window,
                                 config_.failed_login_lockout);
        // Replies travel server → client: the client is the event's peer.
        sim_.trace().subscribe([weak](const Trace& trace, const Event& e) {
            if (e.kind != EventKind::Reply) return;
            auto registry = weak.lock();
            if (!registry) return;
            const auto it = registry->connections.find(e.peer);
            if (it == registry->connections.end() || it->second.remote_address.empty()) return;
            if (LoginGuard::is_login_failure(trace.payload(e)))
                registry->guard->failed(it->second.remote_address, LoginGuard::Clock::now());
        });
    }
    driver_.start();
}

Bridge::~Bridge() {
    stop();
    if (durable_) durable_->on_pending(nullptr);
}

std::uint16_t Bridge::open(HostId server, std::uint16_t sim_port, std::string protocol,
                           std::string refusal, std::string lockout) {
    if (stopped_) throw std::logic_error("Bridge::open after stop()");
    const Host& host = net_.host(server);
    const unsigned real = unsigned{config_.port_base} + sim_port;
    if (real > kMaxPort) {
        throw std::invalid_argument("port base " + std::to_string(config_.port_base) + " + " +
                                    std::to_string(sim_port) + " is beyond port 65535");
    }
    auto listener = std::make_shared<Listener>(io_, listeners_.size());
    listener->info = {.server = server,
                      .server_name = host.name,
                      .sim_port = sim_port,
                      .address = config_.listen_address,
                      .real_port = static_cast<std::uint16_t>(real),
                      .protocol = std::move(protocol)};
    listener->lockout = lockout.empty() ? refusal : std::move(lockout);
    listener->refusal = std::move(refusal);
    const std::string where = config_.listen_address + ":" + std::to_string(real);
    asio::error_code ec;
    const auto address = asio::ip::make_address(config_.listen_address, ec);
    if (ec) throw BridgeError("cannot listen on " + where + ": bad address (" + ec.message() + ")");
    const asio::ip::tcp::endpoint endpoint(address, listener->info.real_port);
    auto& acceptor = listener->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    // Lets a restarted `maillab serve` bind while old connections sit in TIME_WAIT.
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        throw BridgeError("cannot listen on " + where + " for " + listener->info.protocol + ": " +
                          ec.message());
    }
    listener->bridge = this;
    listeners_.push_back(listener);
    accept_next(listener);
    return listener->info.real_port;
}

void Bridge::accept_next(const std::shared_ptr<Listener>& listener) {
    listener->acceptor.async_accept(
        [listener](const asio::error_code& ec, asio::ip::tcp::socket socket) {
            if (!listener->bridge) return;
            if (ec) {
                listener->retry.expires_after(kAcceptRetryDelay);
                listener->retry.async_wait([listener](const asio::error_code& wait_ec) {
                    if (!wait_ec && listener->bridge) listener->bridge->accept_next(listener);
                });
                return;
            }
            listener->bridge->on_accept(*listener, std::move(socket));
            listener->bridge->accept_next(listener);
        });
}

void Bridge::on_accept(Listener& listener, asio::ip::tcp::socket socket) {
    asio::error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    std::optional<HostId> client;
    const std::string counted =
        !ec && config_.max_connections_per_address > 0 && !peer.address().is_loopback()
            ? peer.address().to_string()
            : std::string{};
    const auto live = counted.empty() ? live_per_address_.end() : live_per_address_.find(counted);
    const bool address_full =
        live != live_per_address_.end() && live->second >= config_.max_connections_per_address;
    const std::string remote =
        !ec && !peer.address().is_loopback() ? peer.address().to_string() : std::string{};
    if (!remote.empty() && registry_->guard &&
        registry_->guard->locked(remote, LoginGuard::Clock::now())) {
        ++listener.info.refused;
        refuse(listener.lockout, std::move(socket));
        return;
    }
    if (!ec && !address_full && listener.info.active < config_.max_connections)
        client = add_client_host(peer);
    if (!client) {
        ++listener.info.refused;
        refuse(listener.refusal, std::move(socket));
        return;
    }
    ++listener.info.accepted;
    ++listener.info.active;
    net_.add_link(*client, attach_to_, config_.client_link);
    const std::size_t index = listener.index;
    auto connection = std::make_shared<BridgedConnection>(
        std::move(socket), driver_, tcp_, *client, config_.limits,
        [this, index](BridgedConnection& done) { on_finished(done, index); }, durable_);
    registry_->connections[*client] = {connection, index, counted, remote};
    if (!counted.empty()) ++live_per_address_[counted];
    connection->start(listener.info.server, listener.info.sim_port,
                      "real client connected from " + peer.address().to_string() + ":" +
                          std::to_string(peer.port()));
}

void Bridge::refuse(const std::string& line, asio::ip::tcp::socket socket) {
    if (line.empty()) {
        asio::error_code ignored;
        socket.close(ignored);
        return;
    }
    // The line is short and the socket fresh, so the write does not wait on
    // the client; the handler owns the socket and the line until it is done.
    auto refused =
        std::make_shared<std::pair<asio::ip::tcp::socket, std::string>>(std::move(socket), line);
    asio::async_write(refused->first, asio::buffer(refused->second),
                      [refused](const asio::error_code&, std::size_t) {
                          asio::error_code ignored;
                          refused->first.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
                          refused->first.close(ignored);
                      });
}

std::optional<HostId> Bridge::add_client_host(const asio::ip::tcp::endpoint& peer) {
    const Ipv4 last = *parse_ipv4(kClientRangeEnd);
    while (next_client_address_ <= last) {
        const Ipv4 candidate = next_client_address_++;
        const auto octet = candidate & 0xFFu;
        if (octet == 0 || octet == 0xFFu) continue;
        const std::string address = format_ipv4(candidate);
        if (net_.find_host(address)) continue;  // the world itself uses it
        const std::string base =
            "client " + peer.address().to_string() + ":" + std::to_string(peer.port());
        std::string name = base;
        for (int n = 2; net_.find_host(name); ++n)
            name = base + " #" + std::to_string(n);
        return net_.add_host(name, address, HostRole::RealClient);
    }
    return std::nullopt;
}

void Bridge::on_finished(BridgedConnection& connection, std::size_t listener_index) {
    const HostId client = connection.client();
    ListenerInfo& info = listeners_.at(listener_index)->info;
    if (info.active > 0) --info.active;
    if (const auto it = registry_->connections.find(client);
        it != registry_->connections.end() && !it->second.counted_address.empty()) {
        if (--live_per_address_[it->second.counted_address] == 0)
            live_per_address_.erase(it->second.counted_address);
    }
    // Erasing may destroy the connection; every caller of on_finished holds a reference.
    registry_->connections.erase(client);
    // Later, so the virtual connection's last segments (FIN, RST) leave first.
    Network* net = &net_;
    sim_.schedule(
        0, [net, client] { net->set_host_up(client, false, "the real client disconnected"); });
    driver_.poke();
}

std::vector<ListenerInfo> Bridge::listeners() const {
    std::vector<ListenerInfo> out;
    out.reserve(listeners_.size());
    for (const auto& listener : listeners_)
        out.push_back(listener->info);
    return out;
}

std::size_t Bridge::active_connections() const {
    return registry_->connections.size();
}

std::vector<ConnectionStatus> Bridge::connections() const {
    std::vector<ConnectionStatus> out;
    for (const auto& [client, entry] : registry_->connections) {
        out.push_back({.client = client,
                       .conn = entry.connection->conn(),
                       .unsent = entry.connection->unsent(),
                       .reading_paused = entry.connection->reading_paused(),
                       .output_backlogged = entry.connection->output_backlogged()});
    }
    return out;
}

void Bridge::hold_output_until_durable(protocols::durable::GroupCommit& group) {
    durable_ = &group;
    // Posted, not run: the handlers of other input that is already ready run
    // first, and their writes share the commit.
    group.on_pending([this] { asio::post(io_, [this] { commit(); }); });
}

void Bridge::commit() {
    const auto errors = durable_->commit();
    if (errors.empty()) return;
    for (const auto& error : errors)
        std::cerr << "maillab: a write to disk failed: " << error << '\n';
    // Answers resting on the failed writes may be held here or still on their
    // way through the virtual network: no connection can be trusted to get
    // only true ones, so all of them end, unanswered, and clients try again.
    std::vector<std::shared_ptr<BridgedConnection>> connections;
    for (const auto& [client, entry] : registry_->connections)
        connections.push_back(entry.connection);
    driver_.poke();
    for (const auto& connection : connections)
        connection->drop_unanswered("a write to disk failed, so answers could not be trusted");
}

void Bridge::stop() {
    if (stopped_) return;
    stopped_ = true;
    for (auto& listener : listeners_) {
        listener->bridge = nullptr;
        asio::error_code ignored;
        listener->acceptor.close(ignored);
        listener->retry.cancel();
        listener->info.active = 0;
    }
    auto connections = std::move(registry_->connections);
    registry_->connections.clear();
    live_per_address_.clear();
    if (!connections.empty()) driver_.poke();
    for (auto& [client, entry] : connections) {
        entry.connection->shut_down();
        net_.set_host_up(client, false, "the bridge stopped");
    }
    driver_.stop();
    if (durable_ && durable_->pending()) commit();
}

void run_until_signal(asio::io_context& io, Bridge& bridge) {
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&bridge](const asio::error_code& ec, int) {
        if (!ec) bridge.stop();
    });
    io.run();
}

}  // namespace maillab::sim::bridge
