#include "sim/net/session_host.hpp"

#include <string>
#include <utility>

namespace maillab::sim {

namespace {
using protocols::core::ProtocolEvent;
namespace core = protocols::core;

EventRecord to_record(const ProtocolEvent& e, bool client_side, std::string& scratch) {
    EventRecord r;
    r.payload = e.text;
    r.note = e.why.meaning;
    r.ref = e.why.reference;
    switch (e.kind) {
        case core::EventKind::Command:
            r.kind = EventKind::Command;
            r.dir = Direction::ClientToServer;
            break;
        case core::EventKind::Reply:
            r.kind = EventKind::Reply;
            r.dir = Direction::ServerToClient;
            break;
        case core::EventKind::StateChange:
            r.kind = EventKind::SessionState;
            break;
        case core::EventKind::Close:
            r.kind = EventKind::SessionState;
            r.payload = "closed";
            scratch = e.why.meaning.empty() ? e.text : e.text + ": " + e.why.meaning;
            r.note = scratch;
            break;
        case core::EventKind::StartTls:
        case core::EventKind::Note:
            r.kind = EventKind::SessionNote;
            break;
        case core::EventKind::TlsRecord:
            r.kind = EventKind::TlsRecord;
            r.dir = client_side ? Direction::ClientToServer : Direction::ServerToClient;
            break;
    }
    return r;
}
}  // namespace

SessionHost::SessionHost(Simulator& sim, HostId host, std::unique_ptr<Session> session)
    : sim_(sim), host_(host), session_(std::move(session)) {}

SessionHost::~SessionHost() {
    cancel_timer();
}

std::shared_ptr<SessionHost> SessionHost::connect(Tcp& tcp, HostId from, std::string_view to,
                                                  std::uint16_t port,
                                                  std::unique_ptr<Session> session) {
    auto self = std::make_shared<SessionHost>(tcp.network().sim(), from, std::move(session));
    self->client_side_ = true;
    self->connection_ = tcp.connect(from, to, port, self->handlers());
    return self;
}

std::pair<std::shared_ptr<SessionHost>, ConnectionHandlers> SessionHost::accept(
    Tcp& tcp, Connection connection, std::unique_ptr<Session> session) {
    auto self =
        std::make_shared<SessionHost>(tcp.network().sim(), connection.host(), std::move(session));
    self->connection_ = connection;
    return {self, self->handlers()};
}

ConnectionHandlers SessionHost::handlers() {
    auto self = shared_from_this();
    return ConnectionHandlers{
        .on_connected = [self] { self->on_connected(); },
        .on_data = [self](std::string_view bytes) { self->on_data(bytes); },
        .on_peer_closed = [self] { self->on_peer_closed(); },
        .on_closed =
            [self] {
                self->finished_ = true;
                self->cancel_timer();
            },
        .on_failed = [self](std::string_view reason) { self->on_failed(reason); },
    };
}

// ---- The byte path: the one place where network bytes meet session bytes ----

void SessionHost::from_network(std::string_view bytes) {
    session_->receive(bytes);
}

void SessionHost::to_network() {
    const std::string out = session_->take_output();
    if (!out.empty()) connection_.send(out);
}

// ---- Connection events -----------------------------------------------------

void SessionHost::on_connected() {
    session_->start();
    pump();
}

void SessionHost::on_data(std::string_view bytes) {
    if (finished_ || session_->closed()) return;
    from_network(bytes);
    pump();
}

void SessionHost::on_peer_closed() {
    if (finished_) return;
    if (!session_->closed()) session_->on_peer_closed();
    pump();
    if (!closing_) {
        closing_ = true;
        cancel_timer();
        connection_.close();
    }
}

void SessionHost::on_failed(std::string_view reason) {
    if (finished_) return;
    finished_ = true;
    cancel_timer();
    sim_.record({.kind = EventKind::SessionNote,
                 .host = host_,
                 .peer = connection_.peer(),
                 .conn = connection_.id(),
                 .payload = "connection lost: " + std::string(reason),
                 .note = "the session ends without a protocol goodbye"});
    if (!session_->closed()) session_->on_peer_closed();
    record_events();
    session_->take_output();  // nowhere to send it any more
}

void SessionHost::on_timer() {
    timer_.reset();
    if (finished_ || closing_ || session_->closed()) return;
    session_->on_timeout();
    pump();
}

// ---- After every call into the session -------------------------------------

void SessionHost::record_events() {
    std::string scratch;
    for (const ProtocolEvent& e : session_->take_events()) {
        EventRecord r = to_record(e, client_side_, scratch);
        r.host = host_;
        r.peer = connection_.peer();
        r.conn = connection_.id();
        sim_.record(r);
    }
}

void SessionHost::pump() {
    record_events();
    to_network();
    if (closing_) return;
    if (session_->closed()) {
        closing_ = true;
        cancel_timer();
        connection_.close();
        return;
    }
    cancel_timer();
    if (const auto timeout = session_->timeout()) {
        std::weak_ptr<SessionHost> weak = weak_from_this();
        timer_ = sim_.schedule(static_cast<SimTime>(timeout->count()) * 1000, [weak] {
            if (auto self = weak.lock()) self->on_timer();
        });
    }
}

void SessionHost::flush() {
    if (finished_ || closing_) return;
    pump();
}

void SessionHost::cancel_timer() {
    if (timer_) sim_.cancel(*timer_);
    timer_.reset();
}

}  // namespace maillab::sim
