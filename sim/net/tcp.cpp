#include "sim/net/tcp.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace maillab::sim {

namespace {
constexpr std::string_view kHandshakeRef = "RFC 9293 §3.5";
constexpr std::string_view kResetRef = "RFC 9293 §3.10.7.1";
constexpr std::string_view kRetransmitRef = "RFC 6298 §5";
constexpr std::string_view kCloseRef = "RFC 9293 §3.6";

Direction opposite(Direction dir) {
    return dir == Direction::ClientToServer ? Direction::ServerToClient : Direction::ClientToServer;
}
}  // namespace

enum class TcpState { SynSent, SynReceived, Established, TimeWait, Gone };

struct Tcp::Segment {
    ConnId conn = kNoConn;
    HostId from = kNoHost;
    std::uint16_t from_port = 0;
    HostId to = kNoHost;
    std::uint16_t to_port = 0;
    Direction dir = Direction::None;
    bool syn = false;
    bool ack = false;
    bool fin = false;
    bool rst = false;
    std::uint64_t seq = 0;     // stream offset of the first payload byte (or of the FIN)
    std::uint64_t ack_no = 0;  // next offset the sender expects from its peer
    std::string payload;
    // Not on the wire: which endpoints sent it and are meant to get it (0 = not
    // known yet), so arrival usually takes one id lookup instead of a key lookup.
    EndpointId from_endpoint = 0;
    EndpointId to_endpoint = 0;

    std::string_view what() const {
        if (rst) return "RST";
        if (syn) return ack ? "SYN-ACK" : "SYN";
        if (fin) return "FIN";
        return payload.empty() ? "ACK" : "data";
    }
};

struct Tcp::Endpoint {
    EndpointId id = 0;
    std::uint64_t created = 0;  // creation order, for a deterministic crash
    ConnId conn = kNoConn;
    HostId host = kNoHost;
    std::uint16_t port = 0;
    HostId peer = kNoHost;
    std::uint16_t peer_port = 0;
    EndpointId peer_endpoint = 0;  // the other end's id once a segment from it arrived
    Direction outgoing = Direction::None;
    TcpState state = TcpState::SynSent;
    ConnectionHandlers handlers;
    std::size_t mss = kDefaultMss;

    SendBuffer unacked;  // queued bytes from snd_una on
    std::uint64_t snd_una = 0;
    std::uint64_t snd_nxt = 0;
    std::uint64_t max_sent = 0;
    bool fin_requested = false;
    bool fin_sent = false;
    bool fin_ever_sent = false;
    bool fin_acked = false;

    std::uint64_t rcv_nxt = 0;
    std::uint64_t ack_sent = 0;  // the acknowledgement number last sent
    std::map<std::uint64_t, std::string> out_of_order;
    std::optional<std::uint64_t> peer_fin_at;
    bool peer_fin_received = false;

    std::optional<EventId> timer;
    // Disarmed while a segment is handled, still in the simulator's queue: a
    // timer armed again before the handling ends moves this event instead of
    // cancelling one and scheduling another (an ACK then data, every segment).
    std::optional<EventId> disarmed_timer;
    SimTime base_rto = kMinRto;
    SimTime rto = kMinRto;
    int retries = 0;
    SimTime handshake_sent_at = 0;

    std::uint64_t end() const { return snd_una + unacked.size(); }
    bool outstanding() const { return snd_nxt > snd_una || (fin_sent && !fin_acked); }
    bool alive() const { return state != TcpState::Gone; }
    Key key() const { return {host, port, peer, peer_port}; }
};

// ---- Connection handle ---------------------------------------------------

bool Connection::send(std::string_view bytes) {
    return tcp_ && tcp_->send(endpoint_, bytes);
}
void Connection::close() {
    if (tcp_) tcp_->close(endpoint_);
}
void Connection::abort() {
    if (tcp_) tcp_->abort(endpoint_);
}
bool Connection::open() const {
    return tcp_ && tcp_->is_open(endpoint_);
}

// ---- Setup -----------------------------------------------------------------

std::size_t Tcp::KeyHash::operator()(const Key& key) const {
    // Host and port make 48 bits on each side; splitmix64's finaliser spreads
    // the neighbouring ephemeral ports of one client over the buckets.
    std::uint64_t h = ((std::uint64_t{key.host} << 16) | key.port) * 0x9E3779B97F4A7C15u;
    h ^= (std::uint64_t{key.peer} << 16) | key.peer_port;
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9u;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBu;
    h ^= h >> 31;
    return static_cast<std::size_t>(h);
}

Tcp::Tcp(Network& network) : net_(network), sim_(network.sim()) {}

Tcp::~Tcp() {
    endpoints_.for_each([this](const std::shared_ptr<Endpoint>& ep) {
        if (ep->timer) sim_.cancel(*ep->timer);
        if (ep->disarmed_timer) sim_.cancel(*ep->disarmed_timer);
    });
}

void Tcp::set_mss(std::size_t mss) {
    if (mss == 0) throw std::invalid_argument("Tcp::set_mss: MSS must be at least 1");
    mss_ = mss;
}

void Tcp::listen(HostId host, std::uint16_t port, AcceptFn accept, std::string_view protocol) {
    if (host >= net_.host_count()) throw std::invalid_argument("Tcp::listen: unknown host");
    if (!listeners_.emplace(std::pair{host, port}, std::move(accept)).second) {
        throw std::invalid_argument("Tcp::listen: port already in use");
    }
    sim_.record(
        {.kind = EventKind::ServiceListening, .host = host, .value = port, .payload = protocol});
}

std::uint16_t Tcp::ephemeral_port(HostId host, HostId peer, std::uint16_t peer_port) {
    auto [it, fresh] = next_port_.try_emplace(host, kFirstEphemeralPort);
    for (;;) {
        const std::uint16_t port = it->second;
        it->second = port == 0xFFFF ? kFirstEphemeralPort : static_cast<std::uint16_t>(port + 1);
        if (!by_key_.contains(Key{host, port, peer, peer_port})) return port;
    }
}

std::shared_ptr<Tcp::Endpoint> Tcp::make_endpoint(ConnId conn, HostId host, std::uint16_t port,
                                                  HostId peer, std::uint16_t peer_port,
                                                  Direction outgoing) {
    auto ep = std::make_shared<Endpoint>();
    ep->id = endpoints_.insert(ep);
    ep->created = endpoints_created_++;
    ep->conn = conn;
    ep->host = host;
    ep->port = port;
    ep->peer = peer;
    ep->peer_port = peer_port;
    ep->outgoing = outgoing;
    ep->mss = mss_;
    by_key_.emplace(ep->key(), ep->id);
    return ep;
}

void Tcp::forget(Endpoint& ep) {
    if (!ep.alive()) return;
    ep.state = TcpState::Gone;
    if (ep.timer) sim_.cancel(*ep.timer);
    ep.timer.reset();
    if (ep.disarmed_timer) sim_.cancel(*ep.disarmed_timer);
    ep.disarmed_timer.reset();
    by_key_.erase(ep.key());
    endpoints_.erase(ep.id);  // the caller still holds a reference
}

Connection Tcp::handle(const Endpoint& ep) {
    return Connection{this, ep.id, ep.conn, ep.host, ep.peer, ep.outgoing};
}

Connection Tcp::connect(HostId from, std::string_view to, std::uint16_t port,
                        ConnectionHandlers handlers) {
    if (from >= net_.host_count()) throw std::invalid_argument("Tcp::connect: unknown host");
    const ConnId conn = next_conn_++;
    const auto target = net_.find_host(to);
    if (!target) {
        const std::string why = "unknown host " + std::string(to);
        sim_.record({.kind = EventKind::TcpConnectFailed,
                     .dir = Direction::ClientToServer,
                     .host = from,
                     .conn = conn,
                     .note = why});
        sim_.schedule(0, [handlers = std::move(handlers), why] {
            if (handlers.on_failed) handlers.on_failed(why);
        });
        return Connection{nullptr, 0, conn, from, kNoHost, Direction::ClientToServer};
    }
    auto ep = make_endpoint(conn, from, ephemeral_port(from, *target, port), *target, port,
                            Direction::ClientToServer);
    ep->handlers = std::move(handlers);
    send_handshake(*ep, false);
    return handle(*ep);
}

void Tcp::crash_host(HostId host) {
    std::vector<std::shared_ptr<Endpoint>> victims;
    endpoints_.for_each([&](const std::shared_ptr<Endpoint>& ep) {
        if (ep->host == host) victims.push_back(ep);
    });
    std::sort(victims.begin(), victims.end(),
              [](const auto& a, const auto& b) { return a->created < b->created; });
    for (const auto& ep : victims)
        forget(*ep);
    net_.set_host_up(host, false,
                     "crashed: its " + std::to_string(victims.size()) +
                         " connection(s) vanished without FIN or RST");
}

// ---- Application calls -----------------------------------------------------

bool Tcp::is_open(EndpointId id) const {
    return endpoints_.contains(id);
}

bool Tcp::send(EndpointId id, std::string_view bytes) {
    const auto* found = endpoints_.find(id);
    if (found == nullptr) return false;
    Endpoint& ep = **found;
    if (ep.fin_requested || ep.state == TcpState::TimeWait) return false;
    ep.unacked.append(bytes);
    if (ep.state == TcpState::Established) send_more(ep);
    return true;
}

void Tcp::close(EndpointId id) {
    const auto* found = endpoints_.find(id);
    if (found == nullptr || (*found)->fin_requested) return;
    Endpoint& ep = **found;
    ep.fin_requested = true;
    if (ep.state == TcpState::Established) send_more(ep);
}

void Tcp::abort(EndpointId id) {
    const auto* found = endpoints_.find(id);
    if (found == nullptr) return;
    auto ep = *found;
    if (ep->state != TcpState::TimeWait) {
        const SegmentIndex rst = segment_from(*ep);
        in_flight_[rst].rst = true;
        trace(*ep, {.kind = EventKind::TcpRst,
                    .note = "the application aborted the connection: RST tells the peer to "
                            "drop it at once",
                    .ref = kResetRef});
        transmit(rst);
    }
    forget(*ep);
}

// ---- Sending ---------------------------------------------------------------

Tcp::SegmentIndex Tcp::lend_segment() {
    const SegmentIndex index = in_flight_.lend();
    Segment& s = in_flight_[index];
    std::string payload = std::move(s.payload);
    s = Segment{};
    s.payload = std::move(payload);
    s.payload.clear();  // its buffer stays: no allocation per segment
    return index;
}

Tcp::SegmentIndex Tcp::segment_from(Endpoint& ep) {
    const SegmentIndex index = lend_segment();
    Segment& s = in_flight_[index];
    s.conn = ep.conn;
    s.from = ep.host;
    s.from_port = ep.port;
    s.to = ep.peer;
    s.to_port = ep.peer_port;
    s.dir = ep.outgoing;
    s.seq = ep.snd_nxt;
    s.ack_no = ep.rcv_nxt;
    s.from_endpoint = ep.id;
    s.to_endpoint = ep.peer_endpoint;
    s.ack = ep.state != TcpState::SynSent;
    if (s.ack) ep.ack_sent = ep.rcv_nxt;
    return index;
}

void Tcp::transmit(SegmentIndex index) {
    const Segment& s = in_flight_[index];
    net_.send({.from = s.from,
               .to = s.to,
               .octets = kHeaderOctets + s.payload.size(),
               .sink = this,
               .token = index});
}

void Tcp::packet_arrived(std::uint32_t token) {
    segment_arrived(token);
}

void Tcp::packet_lost(std::uint32_t token, std::string_view why) {
    segment_lost(token, why);
}

// The network calls exactly one of these two for every segment sent.
void Tcp::segment_lost(SegmentIndex index, std::string_view why) {
    const Segment& s = in_flight_[index];
    sim_.record({.kind = EventKind::TcpSegmentLost,
                 .dir = s.dir,
                 .host = s.from,
                 .peer = s.to,
                 .conn = s.conn,
                 .value = static_cast<std::int64_t>(s.payload.size()),
                 .note = std::string(s.what()) + " segment dropped: " + std::string(why)});
    in_flight_.give_back(index);
}

void Tcp::segment_arrived(SegmentIndex index) {
    arrive(in_flight_[index]);  // given back after: arrive() may send segments of its own
    in_flight_.give_back(index);
    cancel_disarmed_timers();
}

void Tcp::send_ack(Endpoint& ep) {
    transmit(segment_from(ep));
}

void Tcp::send_handshake(Endpoint& ep, bool retransmission) {
    const bool client = ep.state == TcpState::SynSent;
    EventRecord r{.kind = client ? EventKind::TcpSyn : EventKind::TcpSynAck,
                  .ref = retransmission ? kRetransmitRef : kHandshakeRef};
    std::string endpoints;
    if (client) {
        const Host& a = net_.host(ep.host);
        const Host& b = net_.host(ep.peer);
        endpoints = format_ipv4(a.address) + ":" + std::to_string(ep.port) + " > " +
                    format_ipv4(b.address) + ":" + std::to_string(ep.peer_port);
        r.value = ep.port;
        r.aux = ep.peer_port;
        r.payload = endpoints;
        r.note = retransmission ? "no SYN-ACK came back in time, so the client sends its SYN again"
                                : "SYN: the client asks to open a connection (step 1 of 3)";
    } else {
        r.note = retransmission ? "the server repeats its SYN-ACK: the handshake is not complete"
                                : "SYN-ACK: the server agrees to the connection (step 2 of 3)";
    }
    trace(ep, r);
    ep.handshake_sent_at = sim_.now();
    const SegmentIndex syn = segment_from(ep);
    in_flight_[syn].syn = true;
    transmit(syn);
    arm_timer(ep, kInitialSynRto << ep.retries);
}

void Tcp::trace(const Endpoint& ep, EventRecord record) {
    record.dir = ep.outgoing;
    record.host = ep.host;
    record.peer = ep.peer;
    record.conn = ep.conn;
    sim_.record(record);
}

void Tcp::send_more(Endpoint& ep) {
    if (ep.state != TcpState::Established) return;
    const std::uint64_t window = kWindowSegments * ep.mss;
    while (ep.snd_nxt < ep.end() && ep.snd_nxt - ep.snd_una < window) {
        std::uint64_t len = std::min<std::uint64_t>(ep.mss, ep.end() - ep.snd_nxt);
        // Resent segments keep the boundaries of the first transmission, so
        // each byte is traced once as TcpSegment and later only as TcpRetransmit.
        const bool resend = ep.snd_nxt < ep.max_sent;
        if (resend) len = std::min(len, ep.max_sent - ep.snd_nxt);
        const SegmentIndex index = segment_from(ep);
        Segment& s = in_flight_[index];
        s.payload.assign(ep.unacked.view(static_cast<std::size_t>(ep.snd_nxt - ep.snd_una),
                                         static_cast<std::size_t>(len)));
        if (resend) {
            trace(ep, {.kind = EventKind::TcpRetransmit,
                       .value = static_cast<std::int64_t>(len),
                       .payload = s.payload,
                       .note = "no acknowledgement came back in time, so the data is sent again",
                       .ref = kRetransmitRef});
        } else {
            trace(ep, {.kind = EventKind::TcpSegment,
                       .value = static_cast<std::int64_t>(ep.snd_nxt),
                       .payload = s.payload});
        }
        ep.snd_nxt += len;
        ep.max_sent = std::max(ep.max_sent, ep.snd_nxt);
        transmit(index);
    }
    if (ep.fin_requested && !ep.fin_sent && ep.snd_nxt == ep.end()) {
        trace(ep, {.kind = EventKind::TcpFin,
                   .note = ep.fin_ever_sent
                               ? "the FIN was not acknowledged in time, so it is sent again"
                               : "FIN: this side has nothing more to send",
                   .ref = ep.fin_ever_sent ? kRetransmitRef : kCloseRef});
        const SegmentIndex fin = segment_from(ep);
        in_flight_[fin].fin = true;
        ep.fin_sent = true;
        ep.fin_ever_sent = true;
        transmit(fin);
    }
    if (ep.outstanding() && !ep.timer) arm_timer(ep, ep.rto);
}

void Tcp::send_reset_for(const Segment& segment, std::string_view why) {
    const SegmentIndex index = lend_segment();
    Segment& rst = in_flight_[index];
    rst.conn = segment.conn;
    rst.from = segment.to;
    rst.from_port = segment.to_port;
    rst.to = segment.from;
    rst.to_port = segment.from_port;
    rst.dir = opposite(segment.dir);
    rst.rst = true;
    rst.ack = true;
    sim_.record({.kind = EventKind::TcpRst,
                 .dir = rst.dir,
                 .host = rst.from,
                 .peer = rst.to,
                 .conn = rst.conn,
                 .note = why,
                 .ref = kResetRef});
    transmit(index);
}

// ---- Timers and failure ----------------------------------------------------

void Tcp::arm_timer(Endpoint& ep, SimTime delay) {
    if (!ep.timer) ep.timer = std::exchange(ep.disarmed_timer, std::nullopt);
    if (ep.timer) ep.timer = sim_.reschedule(*ep.timer, delay);
    if (!ep.timer) ep.timer = sim_.schedule(delay, [this, id = ep.id] { on_timer(id); });
}

void Tcp::disarm_timer(Endpoint& ep) {
    if (!ep.timer) return;
    if (ep.disarmed_timer) sim_.cancel(*ep.disarmed_timer);
    ep.disarmed_timer = std::exchange(ep.timer, std::nullopt);
    disarmed_.push_back(ep.id);
}

void Tcp::cancel_disarmed_timers() {
    for (const EndpointId id : disarmed_) {
        const auto* found = endpoints_.find(id);
        if (found == nullptr || !(*found)->disarmed_timer) continue;
        sim_.cancel(*(*found)->disarmed_timer);
        (*found)->disarmed_timer.reset();
    }
    disarmed_.clear();
}

void Tcp::fail(Endpoint& ep, std::optional<EventKind> kind, std::string_view reason) {
    if (kind) trace(ep, {.kind = *kind, .note = reason});
    forget(ep);
    if (ep.handlers.on_failed) ep.handlers.on_failed(reason);
}

void Tcp::on_timer(EndpointId id) {
    const auto* found = endpoints_.find(id);
    if (found == nullptr) return;
    auto ep = *found;
    ep->timer.reset();
    switch (ep->state) {
        case TcpState::SynSent:
            if (ep->retries >= kMaxSynRetransmits) {
                return fail(*ep, EventKind::TcpConnectFailed, "connection timed out");
            }
            ++ep->retries;
            return send_handshake(*ep, true);
        case TcpState::SynReceived:
            if (ep->retries >= kMaxSynRetransmits) {
                return fail(*ep, EventKind::TcpTimedOut,
                            "the handshake was never completed; the server forgets it");
            }
            ++ep->retries;
            return send_handshake(*ep, true);
        case TcpState::Established:
            if (!ep->outstanding()) return;
            if (ep->retries >= kMaxRetransmits) {
                return fail(*ep, EventKind::TcpTimedOut, "connection timed out");
            }
            ++ep->retries;
            ep->rto = std::min(ep->rto * 2, kMaxRto);
            ep->snd_nxt = ep->snd_una;
            if (ep->fin_sent && !ep->fin_acked) ep->fin_sent = false;
            return send_more(*ep);
        case TcpState::TimeWait:
            return forget(*ep);
        case TcpState::Gone:
            return;
    }
}

// ---- Receiving -------------------------------------------------------------

std::shared_ptr<Tcp::Endpoint> Tcp::receiver_of(const Segment& segment) const {
    const Key key{segment.to, segment.to_port, segment.from, segment.from_port};
    // The named endpoint may be gone, or its key reused: the key decides. Keys
    // of live endpoints are unique, so a match is the one by_key_ would give.
    if (const auto* named = endpoints_.find(segment.to_endpoint);
        named != nullptr && (*named)->key() == key) {
        return *named;
    }
    auto key_it = by_key_.find(key);
    return key_it == by_key_.end() ? nullptr : *endpoints_.find(key_it->second);
}

void Tcp::arrive(const Segment& segment) {
    auto ep = receiver_of(segment);
    if (!ep) {
        if (segment.rst) return;
        if (segment.syn && !segment.ack) return on_syn(segment);
        return send_reset_for(segment,
                              "this host has no such connection (closed, or the host restarted)");
    }
    ep->peer_endpoint = segment.from_endpoint;
    if (segment.rst) {
        return fail(
            *ep,
            ep->state == TcpState::SynSent ? std::optional{EventKind::TcpConnectFailed}
                                           : std::nullopt,
            ep->state == TcpState::SynSent ? "connection refused" : "connection reset by peer");
    }
    switch (ep->state) {
        case TcpState::SynSent: {
            if (!segment.syn || !segment.ack) return;
            become_established(*ep);
            trace(*ep, {.kind = EventKind::TcpAck,
                        .note = "ACK: the client confirms; the connection is open (step 3 of 3)",
                        .ref = kHandshakeRef});
            send_ack(*ep);
            if (ep->handlers.on_connected) ep->handlers.on_connected();
            if (ep->alive()) send_more(*ep);
            return;
        }
        case TcpState::SynReceived:
            if (segment.syn) {  // a repeated SYN: repeat the SYN-ACK unless one just left
                if (ep->handshake_sent_at < sim_.now()) send_handshake(*ep, true);
                return;
            }
            if (!segment.ack) return;
            establish_passive(ep);
            if (!ep->alive()) return;
            break;
        case TcpState::Established:
        case TcpState::TimeWait:
            if (segment.syn && segment.ack) {  // our handshake ACK was lost
                trace(*ep, {.kind = EventKind::TcpAck,
                            .note = "the SYN-ACK came again, so the client repeats its ACK",
                            .ref = kHandshakeRef});
                return send_ack(*ep);
            }
            if (segment.syn) return;
            break;
        case TcpState::Gone:
            return;
    }
    if (segment.ack) on_ack(*ep, segment.ack_no);
    if (ep->alive() && (!segment.payload.empty() || segment.fin)) on_payload(ep, segment);
}

void Tcp::on_syn(const Segment& segment) {
    if (!listeners_.contains({segment.to, segment.to_port})) {
        return send_reset_for(segment, "no service listens on port " +
                                           std::to_string(segment.to_port) +
                                           ": the host answers the SYN with RST");
    }
    auto ep = make_endpoint(segment.conn, segment.to, segment.to_port, segment.from,
                            segment.from_port, Direction::ServerToClient);
    ep->state = TcpState::SynReceived;
    ep->peer_endpoint = segment.from_endpoint;
    send_handshake(*ep, false);
}

void Tcp::become_established(Endpoint& ep) {
    const SimTime rtt = sim_.now() - ep.handshake_sent_at;
    ep.base_rto = ep.rto = std::max(kMinRto, 4 * rtt);
    ep.retries = 0;
    ep.state = TcpState::Established;
    disarm_timer(ep);
}

void Tcp::establish_passive(const std::shared_ptr<Endpoint>& ep) {
    become_established(*ep);
    const AcceptFn& accept = listeners_.at({ep->host, ep->port});
    ep->handlers = accept(handle(*ep));
    if (ep->alive() && ep->handlers.on_connected) ep->handlers.on_connected();
    if (ep->alive()) send_more(*ep);
}

void Tcp::on_ack(Endpoint& ep, std::uint64_t ack) {
    const std::uint64_t end = ep.end();
    bool progress = false;
    if (const std::uint64_t data_ack = std::min(ack, end); data_ack > ep.snd_una) {
        ep.unacked.consume(static_cast<std::size_t>(data_ack - ep.snd_una));
        ep.snd_una = data_ack;
        progress = true;
    }
    if (ep.fin_ever_sent && !ep.fin_acked && ack == end + 1) {
        ep.fin_acked = true;
        ep.fin_sent = true;
        progress = true;
    }
    ep.snd_nxt = std::max(ep.snd_nxt, ep.snd_una);
    if (progress) {
        ep.retries = 0;
        ep.rto = ep.base_rto;
        disarm_timer(ep);
    }
    send_more(ep);
    maybe_finished(ep);
}

void Tcp::on_payload(const std::shared_ptr<Endpoint>& ep, const Segment& segment) {
    bool delivered = false;
    auto deliver = [&](std::string_view bytes) {
        delivered = true;
        ep->rcv_nxt += bytes.size();
        if (ep->handlers.on_data) ep->handlers.on_data(bytes);
    };
    const std::string& data = segment.payload;
    if (segment.fin) ep->peer_fin_at = segment.seq + data.size();
    if (!data.empty()) {
        if (segment.seq <= ep->rcv_nxt) {
            if (segment.seq + data.size() > ep->rcv_nxt) {
                deliver(std::string_view{data}.substr(
                    static_cast<std::size_t>(ep->rcv_nxt - segment.seq)));
            }
        } else if (std::string& slot = ep->out_of_order[segment.seq]; data.size() > slot.size()) {
            slot = data;
        }
    }
    while (ep->alive() && !ep->out_of_order.empty() &&
           ep->out_of_order.begin()->first <= ep->rcv_nxt) {
        auto node = ep->out_of_order.extract(ep->out_of_order.begin());
        const std::uint64_t start = node.key();
        const std::string& bytes = node.mapped();
        if (start + bytes.size() > ep->rcv_nxt) {
            deliver(std::string_view{bytes}.substr(static_cast<std::size_t>(ep->rcv_nxt - start)));
        }
    }
    if (!ep->alive()) return;
    if (ep->peer_fin_at && !ep->peer_fin_received && ep->rcv_nxt == *ep->peer_fin_at) {
        ep->peer_fin_received = true;
        ep->rcv_nxt += 1;
        send_ack(*ep);  // before the application answers, so a lost reply does not delay it
        if (ep->handlers.on_peer_closed) ep->handlers.on_peer_closed();
        if (ep->alive()) maybe_finished(*ep);
        return;
    }
    // Every segment is acknowledged, duplicates too (their ACK may have been
    // lost); when the application already answered, its data carried the ACK.
    if (ep->ack_sent < ep->rcv_nxt || !delivered) send_ack(*ep);
}

void Tcp::maybe_finished(Endpoint& ep) {
    if (ep.state != TcpState::Established || !ep.fin_acked || !ep.peer_fin_received) return;
    ep.state = TcpState::TimeWait;
    arm_timer(ep, kTimeWait);
    if (ep.handlers.on_closed) ep.handlers.on_closed();
}

}  // namespace maillab::sim
