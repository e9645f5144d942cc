#include "protocols/pop3/client_session.hpp"

#include <utility>

#include "protocols/pop3/explanations.hpp"

namespace maillab::protocols::pop3 {

using core::EventKind;

ClientSession::ClientSession(ClientOptions options)
    : options_(std::move(options)),
      framer_(core::FramerLimits{kMaxResponseLineOctets, core::BareLfPolicy::Accept}) {
    report_.tls_used = options_.tls_active;
    reader_.expect(false);
}

void ClientSession::receive(std::string_view bytes) {
    // While TLS is being negotiated the bytes are the handshake, not POP3.
    if (closed() || step_ == Step::AwaitTls) return;
    framer_.feed(bytes);
    while (!closed() && step_ != Step::AwaitTls) {
        auto line = framer_.next_line();
        if (!line) break;
        if (line->status == core::LineStatus::TooLong) {
            abort("the server sent a line longer than " + std::to_string(kMaxResponseLineOctets) +
                  " octets");
            return;
        }
        switch (reader_.on_line(line->text)) {
            case ResponseReader::Status::NeedMore:
                break;
            case ResponseReader::Status::Error:
                abort(reader_.error());
                return;
            case ResponseReader::Status::Done: {
                const Response response = reader_.response();
                std::string text = response.status_line;
                if (!response.body.empty()) text += "\r\n" + response.body;
                emit(EventKind::Reply, std::move(text), explain::response(sent_, response));
                on_response(response);
                break;
            }
        }
    }
}

void ClientSession::on_response(const Response& r) {
    switch (step_) {
        case Step::Greeting:
            after_greeting(r);
            return;
        case Step::Capa:
            after_capa(r);
            return;
        case Step::Stls:
            after_stls(r);
            return;
        case Step::Login:
        case Step::Pass:
            after_login(r);
            return;
        case Step::Listing:
            after_listing(r);
            return;
        case Step::Stat:
            after_stat(r);
            return;
        case Step::Work:
            after_action(r);
            return;
        case Step::Quit:
            after_quit(r);
            return;
        case Step::AwaitTls:
        case Step::Done:
            return;
    }
}

void ClientSession::send_command(Verb verb, std::string line, bool multiline) {
    sent_ = verb;
    reader_.expect(multiline);
    emit(EventKind::Command, line, explain::command(parse_command(line).command));
    send(line + "\r\n");
}

void ClientSession::fail(std::string error) {
    if (report_.error.empty()) report_.error = std::move(error);
    step_ = Step::Quit;
    send_command(Verb::Quit, "QUIT", false);
}

void ClientSession::abort(std::string error) {
    if (report_.error.empty()) report_.error = std::move(error);
    finish("client gave up: " + report_.error);
}

void ClientSession::finish(std::string reason) {
    step_ = Step::Done;
    mark_closed(std::move(reason),
                core::Explanation{report_.committed
                                      ? "The session ended with a clean QUIT; deletions are final"
                                      : "The session ended without a successful QUIT after login, "
                                        "so nothing was removed from the server",
                                  "RFC 1939 §6"});
}

std::optional<std::chrono::milliseconds> ClientSession::timeout() const {
    if (closed()) return std::nullopt;
    return kClientReplyTimeout;
}

void ClientSession::on_timeout() {
    if (!closed()) abort("the server did not answer in time");
}

void ClientSession::on_peer_closed() {
    if (!closed())
        abort(step_ == Step::Quit ? "the server closed before answering QUIT"
                                  : "the connection dropped");
}

void ClientSession::on_tls_established() {
    if (closed() || step_ != Step::AwaitTls) return;
    report_.tls_used = true;
    framer_.discard_buffered();
    // RFC 2595 §4: forget the capabilities learned before TLS and ask again.
    capabilities_.clear();
    capa_known_ = false;
    step_ = Step::Capa;
    send_command(Verb::Capa, "CAPA", true);
}

}  // namespace maillab::protocols::pop3
