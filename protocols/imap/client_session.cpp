#include "protocols/imap/client_session.hpp"

#include <utility>

#include "protocols/imap/explanations.hpp"
#include "protocols/imap/lexer.hpp"

namespace maillab::protocols::imap {

using core::EventKind;

namespace {

std::optional<CodeKind> code_kind(std::string_view name) {
    for (int k = static_cast<int>(CodeKind::Alert); k <= static_cast<int>(CodeKind::Unseen); ++k) {
        const auto kind = static_cast<CodeKind>(k);
        if (code_name(kind) == name) return kind;
    }
    return std::nullopt;
}

core::Explanation explain_server_response(const ServerResponse& r) {
    if (r.kind == ServerResponse::Kind::Continuation) return explain_response("+");
    if (r.status) {
        if (r.code) {
            if (auto kind = code_kind(r.code->name)) return explain_code(*kind);
        }
        if (r.kind == ServerResponse::Kind::Untagged &&
            (*r.status == Status::Bye || *r.status == Status::Preauth))
            return explain_response(status_name(*r.status));
        return explain_status(*r.status);
    }
    return explain_response(r.name);
}

// The command's name as explain_command knows it: "UID FETCH", "LOGOUT".
std::string command_name(std::string_view command) {
    std::string_view first = command.substr(0, command.find(' '));
    if (iequals(first, "UID")) {
        std::string_view rest = command.substr(first.size() + 1);
        return "UID " + to_upper_ascii(rest.substr(0, rest.find(' ')));
    }
    return to_upper_ascii(first);
}

}  // namespace

ClientSession::ClientSession(ClientJob job, ClientCache& cache)
    : job_(std::move(job)), cache_(cache) {
    report_.tls_used = job_.tls_active;
    for (const ClientTask& task : cache_.pending)
        work_.push_back(WorkItem{task, true});
    for (const ClientTask& task : job_.tasks)
        work_.push_back(WorkItem{task, false});
}

void ClientSession::receive(std::string_view bytes) {
    // While TLS is being negotiated the bytes are the handshake, not IMAP.
    if (closed() || purpose_ == Purpose::AwaitTls) return;
    reader_.feed(bytes);
    while (!closed() && purpose_ != Purpose::AwaitTls) {
        const ResponseReadStatus status = reader_.next();
        if (status == ResponseReadStatus::NeedMore) return;
        if (status == ResponseReadStatus::LineTooLong) {
            abort("the server sent a response longer than " +
                  std::to_string(kMaxResponseLineOctets) + " octets");
            return;
        }
        if (status == ResponseReadStatus::LiteralTooBig) {
            abort("the server announced a literal larger than " +
                  std::to_string(kMaxResponseLiteralOctets) + " octets");
            return;
        }
        std::string error;
        auto response = parse_response(reader_.response(), &error);
        if (!response) {
            emit(EventKind::Reply, reader_.response(),
                 {"A response the client cannot parse.", "RFC 3501 §9"});
            abort("the server sent a malformed response: " + error);
            return;
        }
        emit(EventKind::Reply, reader_.response(), explain_server_response(*response));
        if (purpose_ == Purpose::Task) task_octets_ += reader_.response().size();
        on_response(*response);
    }
}

void ClientSession::on_response(const ServerResponse& r) {
    switch (r.kind) {
        case ServerResponse::Kind::Continuation:
            on_continuation(r);
            return;
        case ServerResponse::Kind::Untagged:
            if (purpose_ == Purpose::Greeting) {
                after_greeting(r);
                return;
            }
            on_untagged(r);
            end_idle_if_needed();
            return;
        case ServerResponse::Kind::Tagged:
            if (purpose_ == Purpose::Greeting || r.tag != tag_) {
                abort("the server answered a command the client did not send (tag " + r.tag + ")");
                return;
            }
            if (r.code) on_untagged_code(*r.code);
            on_tagged(r);
            return;
    }
}

void ClientSession::on_tagged(const ServerResponse& r) {
    switch (purpose_) {
        case Purpose::Capability:
        case Purpose::StartTls:
        case Purpose::Enable:
        case Purpose::List:
            after_setup_step(r);
            return;
        case Purpose::Login:
            after_login(r);
            return;
        case Purpose::Select:
            after_select(r);
            return;
        case Purpose::Existing:
            after_existing(r);
            return;
        case Purpose::FlagSync:
        case Purpose::UidList:
        case Purpose::FetchNew:
            after_sync_step(r);
            return;
        case Purpose::Replay:
        case Purpose::Task:
            after_task_step(r);
            return;
        case Purpose::Idle:
            after_idle(r);
            return;
        case Purpose::Logout:
            report_.completed = !failing_ && *r.status == Status::Ok;
            finish(failing_ ? "client gave up: " + report_.error : "logged out");
            return;
        case Purpose::Greeting:
        case Purpose::AwaitTls:
        case Purpose::Commit:
        case Purpose::BeginOp:
        case Purpose::Done:
            return;
    }
}

void ClientSession::send_command(Purpose purpose, std::string command) {
    purpose_ = purpose;
    search_.clear();
    tag_ = "A" + std::to_string(++tag_counter_);
    command_ = command;
    const std::string line = tag_ + " " + command;
    // An APPEND's message is not shown: the line up to its literal is.
    emit(EventKind::Command, line.substr(0, line.find('\r')),
         explain_command(command_name(command)));
    send(line + "\r\n");
}

void ClientSession::advance() {
    if (closed() || failing_) return;
    while (true) {
        if (!steps_.empty()) {
            Step step = std::move(steps_.front());
            steps_.pop_front();
            if (step.purpose == Purpose::Commit) {
                commit_sync();
                continue;
            }
            if (step.purpose == Purpose::BeginOp) {
                begin_op();
                continue;
            }
            if (step.purpose == Purpose::Idle && idle_.stop) continue;  // the wait is over
            if (step.purpose == Purpose::Select) {
                const auto cached = cache_.mailboxes.find(step.mailbox);
                selected_ = Selected{};
                selected_.name = step.mailbox;
                selected_.qresync = step.qresync;
                selected_.uidvalidity =
                    cached == cache_.mailboxes.end() ? 0 : cached->second.uidvalidity;
            }
            send_command(step.purpose, std::move(step.command));
            return;
        }
        if (item_started_) {
            item_started_ = false;
            finish_item();
            ++work_index_;
            continue;
        }
        if (work_index_ < work_.size()) {
            item_started_ = true;
            item_outcome_ = Outcome::Done;
            start_item(work_[work_index_]);
            continue;
        }
        send_command(Purpose::Logout, "LOGOUT");
        return;
    }
}

void ClientSession::fail(std::string error) {
    if (report_.error.empty()) report_.error = std::move(error);
    failing_ = true;
    steps_.clear();
    send_command(Purpose::Logout, "LOGOUT");
}

void ClientSession::abort(std::string error) {
    if (report_.error.empty()) report_.error = std::move(error);
    finish("client gave up: " + report_.error);
}

void ClientSession::finish(std::string reason) {
    purpose_ = Purpose::Done;
    mark_closed(
        std::move(reason),
        core::Explanation{report_.completed ? "The client finished its work and logged out."
                                            : "The session ended early; the device keeps its cache "
                                              "and the actions not yet confirmed stay queued.",
                          report_.completed ? "RFC 3501 §6.1.3" : "RFC 4549 §4"});
}

void ClientSession::note(std::string text, core::Explanation why) {
    emit(EventKind::Note, std::move(text), std::move(why));
}

bool ClientSession::has_capability(std::string_view name) const {
    return capabilities_.count(to_upper_ascii(name)) != 0;
}

void ClientSession::set_capabilities(const std::vector<Value>& values) {
    capabilities_.clear();
    capabilities_known_ = true;
    for (const Value& v : values) {
        if (v.type == Value::Type::Atom) capabilities_.insert(to_upper_ascii(v.text));
    }
}

std::optional<std::chrono::milliseconds> ClientSession::timeout() const {
    if (closed()) return std::nullopt;
    return idling() ? kIdleRenewal : kClientReplyTimeout;
}

void ClientSession::on_timeout() {
    if (closed()) return;
    if (idling()) {
        send_done("IDLE has lasted 29 minutes: the client renews it before the server gives up");
        return;
    }
    abort("the server did not answer in time");
}

void ClientSession::on_peer_closed() {
    if (closed()) return;
    if (purpose_ == Purpose::Logout && bye_ && !failing_) {
        report_.completed = true;
        finish("the server closed after BYE");
        return;
    }
    abort(bye_ ? "the server said BYE and closed" : "the connection dropped");
}

void ClientSession::on_tls_established() {
    if (closed() || purpose_ != Purpose::AwaitTls) return;
    report_.tls_used = true;
    reader_.discard_buffered();
    // RFC 3501 §6.2.1: forget the capabilities learned before TLS and ask again.
    capabilities_.clear();
    capabilities_known_ = false;
    send_command(Purpose::Capability, "CAPABILITY");
}

}  // namespace maillab::protocols::imap
