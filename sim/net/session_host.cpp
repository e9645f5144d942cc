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
    if (release_) sim_.cancel(*release_);
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
    std::string out = session_->take_output();
    if (!out.empty()) send_or_hold(std::move(out), session_->output_delay());
}

// ---- Held output: answered late, in order -----------------------------------

void SessionHost::send_or_hold(std::string out, std::chrono::milliseconds delay) {
    if (held_.empty() && delay <= std::chrono::milliseconds{0}) {
        connection_.send(out);
        return;
    }
    held_.push_back(Held{delay, std::move(out)});
    if (!release_) schedule_release(delay);  // else queued behind output already waiting
}

void SessionHost::schedule_release(std::chrono::milliseconds delay) {
    std::weak_ptr<SessionHost> weak = weak_from_this();
    release_ = sim_.schedule(static_cast<SimTime>(delay.count()) * 1000, [weak] {
        if (auto self = weak.lock()) self->release_held();
    });
}

void SessionHost::release_held() {
    release_.reset();
    if (finished_) {
        held_.clear();
        return;
    }
    connection_.send(held_.front().bytes);
    held_.pop_front();
    while (!held_.empty()) {
        const auto delay = held_.front().delay;
        if (delay > std::chrono::milliseconds{0}) {
            schedule_release(delay);
            return;
        }
        connection_.send(held_.front().bytes);
        held_.pop_front();
    }
    if (close_pending_) {
        close_when_sent();
    } else if (!closing_ && !session_->closed()) {
        arm_timer();
    }
}

void SessionHost::close_when_sent() {
    if (closing_) return;
    if (!held_.empty()) {
        close_pending_ = true;
        return;
    }
    closing_ = true;
    connection_.close();
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
    cancel_timer();
    close_when_sent();
}

void SessionHost::on_failed(std::string_view reason) {
    if (finished_) return;
    finished_ = true;
    failure_ = reason;
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
    held_.clear();
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
        cancel_timer();
        close_when_sent();
        return;
    }
    arm_timer();
}

void SessionHost::arm_timer() {
    // While its own answer is held back the session is not waiting for the
    // peer; the idle clock starts once that answer is sent.
    const auto timeout = held_.empty() ? session_->timeout() : std::nullopt;
    if (!timeout) return cancel_timer();
    const SimTime delay = static_cast<SimTime>(timeout->count()) * 1000;
    if (timer_) timer_ = sim_.reschedule(*timer_, delay);
    if (!timer_) {
        std::weak_ptr<SessionHost> weak = weak_from_this();
        timer_ = sim_.schedule(delay, [weak] {
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
