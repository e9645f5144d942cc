#include "protocols/smtp/server_session.hpp"

#include <algorithm>

#include "protocols/core/utf8.hpp"
#include "protocols/smtp/explanations.hpp"
#include "protocols/smtp/reply.hpp"

namespace maillab::protocols::smtp {

ServerSession::ServerSession(ServerConfig config, SmtpBackend& backend)
    : config_(std::move(config)),
      backend_(backend),
      framer_(core::FramerLimits{kMaxCommandLineOctets, core::BareLfPolicy::Reject}),
      tls_active_(config_.role == ServerRole::Submissions) {}

void ServerSession::start() {
    reply(220, "", config_.hostname + " ESMTP maillab");
}

void ServerSession::receive(std::string_view bytes) {
    // Bytes arriving while the TLS handshake should be running are plaintext
    // the client had no right to send: drop them (RFC 3207 §4.2).
    if (closed() || input_ == Input::TlsHandshake) return;
    framer_.feed(bytes);
    process();
}

void ServerSession::process() {
    while (!closed()) {
        if (input_ == Input::TlsHandshake) return;
        if (input_ == Input::Data) {
            if (framer_.buffered() == 0) return;
            feed_data();
            continue;
        }
        if (input_ == Input::Bdat) {
            if (bdat_->chunk_done()) {
                finish_bdat_chunk();
                continue;
            }
            if (framer_.buffered() == 0) return;
            feed_bdat();
            continue;
        }
        auto line = framer_.next_line();
        if (!line) return;
        handle_line(*line);
    }
}

void ServerSession::handle_line(const core::FramedLine& line) {
    const bool in_auth = input_ == Input::AuthPlain || input_ == Input::AuthLoginUser ||
                         input_ == Input::AuthLoginPassword;
    if (line.status != core::LineStatus::Complete) {
        emit(core::EventKind::Command, in_auth ? "***" : line.text, explain_command(""));
        input_ = Input::Commands;
        reply(500, "5.5.2",
              line.status == core::LineStatus::TooLong ? "Error: line too long"
                                                       : "Error: bare <LF> received");
        return;
    }
    if (in_auth) {
        handle_auth_response(line.text);
        return;
    }
    const bool bad_bytes = line.text.find('\0') != std::string::npos ||
                           line.text.find('\r') != std::string::npos ||
                           !core::is_valid_utf8(line.text);
    if (bad_bytes || line.text.empty()) {
        emit(core::EventKind::Command, line.text, explain_command(""));
        reply(500, "5.5.2", bad_bytes ? "Error: bad character in command" : "Error: bad syntax");
        return;
    }
    dispatch(split_command(line.text));
}

void ServerSession::dispatch(const Command& command) {
    const CommandRow* row = find_command(command.verb);
    std::string text =
        command.argument.empty() ? command.verb : command.verb + " " + command.argument;
    // Credentials never enter the trace.
    const std::size_t secret = command.argument.find(' ');
    if (row && row->has(CommandFlag::HidesArgument) && secret != std::string::npos)
        text = command.verb + " " + command.argument.substr(0, secret) + " ***";
    emit(core::EventKind::Command, std::move(text),
         row ? row->explanation() : explain_command(command.verb));
    if (!row) {
        reply(500, "5.5.2", "Error: command not recognized");
        return;
    }
    auto parsed = row->parse(command.argument);
    if (!parsed.ok()) return reply_error(parsed.error);
    if (!row->states.contains(state_)) {
        const Refusal refusal = row->refuse(state_);
        reply(refusal.code, refusal.enhanced, refusal.text);
        return;
    }
    std::visit([this](const auto& typed) { handle(typed); }, *parsed.value);
}

void ServerSession::reply(int code, std::string_view enhanced, std::string_view text) {
    const std::string wire = format_reply(code, enhanced, text);
    send(wire);
    emit(core::EventKind::Reply, wire.substr(0, wire.size() - 2), explain_reply(code, enhanced));
    // Postfix counts client errors; a 5xx is always the client's doing here.
    if (code / 100 != 5) return;
    ++errors_;
    if (errors_ >= config_.limits.hard_error_limit) {
        reply(421, "4.7.0", config_.hostname + " Error: too many errors");
        mark_closed("too many errors", explain_reply(421, "4.7.0"));
    }
}

void ServerSession::reply_lines(int code, const std::vector<std::string>& lines) {
    const std::string wire = format_multiline_reply(code, lines);
    send(wire);
    emit(core::EventKind::Reply, wire.substr(0, wire.size() - 2), explain_reply(code));
}

void ServerSession::enter(State state) {
    state_ = state;
    // Lessons' traces have never shown a state between BDAT chunks.
    if (state == State::Bdat) return;
    const std::string name{to_string(state)};
    emit(
        core::EventKind::StateChange, name,
        core::Explanation{"The SMTP session is now in the " + name + " state.", "RFC 5321 §4.1.4"});
}

std::chrono::milliseconds ServerSession::reply_delay() const {
    return errors_ >= config_.limits.soft_error_limit ? config_.limits.error_delay
                                                      : std::chrono::milliseconds{0};
}

std::optional<std::chrono::milliseconds> ServerSession::timeout() const {
    if (closed()) return std::nullopt;
    return config_.limits.idle_timeout;
}

void ServerSession::on_timeout() {
    if (closed()) return;
    reply(421, "4.4.2", config_.hostname + " Error: timeout exceeded");
    mark_closed("idle timeout", explain_reply(421, "4.4.2"));
}

void ServerSession::on_peer_closed() {
    reset_transaction();
    mark_closed("client closed the connection without QUIT");
}

void ServerSession::on_tls_established() {
    if (input_ != Input::TlsHandshake) return;
    // RFC 3207 §4.2: forget everything learnt before TLS, including the
    // EHLO name and any plaintext that slipped in.
    framer_.discard_buffered();
    input_ = Input::Commands;
    tls_active_ = true;
    helo_name_.clear();
    esmtp_ = false;
    auth_user_.clear();
    reset_transaction();
    enter(State::Tls);
}

void ServerSession::reset_transaction() {
    transaction_.reset();
    data_.reset();
    bdat_.reset();
    bdat_last_ = false;
    bdat_out_of_sequence_ = false;
}

std::vector<std::string> ServerSession::ehlo_lines() const {
    std::vector<std::string> lines{config_.hostname, "PIPELINING",
                                   "SIZE " + std::to_string(config_.limits.max_message_octets),
                                   "VRFY", "ETRN"};
    if (config_.tls_available && !tls_active_) lines.emplace_back("STARTTLS");
    if (auth_offered()) lines.emplace_back("AUTH PLAIN LOGIN");
    for (const char* ext : {"ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8", "CHUNKING"})
        lines.emplace_back(ext);
    return lines;
}

void ServerSession::handle(const EhloCommand& command) {
    if (!config_.ehlo_enabled) {
        reply(502, "5.5.2", "Error: command not recognized");
        return;
    }
    greet(command.domain, true);
}

void ServerSession::handle(const HeloCommand& command) {
    greet(command.domain, false);
}

void ServerSession::greet(const std::string& domain, bool esmtp) {
    if (domain.empty()) {
        reply(501, "5.5.4", esmtp ? "Syntax: EHLO hostname" : "Syntax: HELO hostname");
        return;
    }
    // EHLO and HELO end any transaction in progress (RFC 5321 §4.1.4).
    reset_transaction();
    helo_name_ = domain;
    esmtp_ = esmtp;
    if (esmtp) {
        reply_lines(250, ehlo_lines());
    } else {
        reply(250, "", config_.hostname);
    }
    enter(State::Ready);
}

void ServerSession::handle(const RsetCommand&) {
    const bool had_transaction = transaction_.has_value();
    reset_transaction();
    reply(250, "2.0.0", "Ok");
    if (had_transaction) enter(State::Ready);
}

void ServerSession::handle(const NoopCommand&) {
    reply(250, "2.0.0", "Ok");
}

void ServerSession::handle(const QuitCommand&) {
    reply(221, "2.0.0", "Bye");
    reset_transaction();
    mark_closed("client sent QUIT", explain_command("QUIT"));
}

void ServerSession::handle(const VrfyCommand& command) {
    // Never confirm or deny: VRFY answers would let anyone harvest addresses.
    reply(252, "2.0.0", command.argument);
}

void ServerSession::handle(const ExpnCommand&) {
    reply(502, "5.5.1", "Error: command not implemented");
}

void ServerSession::handle(const HelpCommand&) {
    reply(214, "2.0.0", help_text());
}

void ServerSession::handle(const EtrnCommand& command) {
    std::string_view node = command.argument;
    if (!node.empty() && (node.front() == '@' || node.front() == '#')) node.remove_prefix(1);
    if (node.empty()) {
        reply(501, "5.5.4", "Syntax: ETRN domain");
        return;
    }
    switch (backend_.etrn(node).kind) {
        case EtrnResult::Kind::Started:
            reply(250, "2.0.0", "Queuing started");
            break;
        case EtrnResult::Kind::NoMessages:
            reply(251, "2.0.0", "OK, no messages waiting");
            break;
        case EtrnResult::Kind::Unable:
            reply(458, "4.0.0", "Unable to queue messages for node " + std::string{node});
            break;
        case EtrnResult::Kind::NotAllowed:
            reply(459, "4.7.1", "Node " + std::string{node} + " not allowed");
            break;
    }
}

void ServerSession::handle(const StartTlsCommand&) {
    if (tls_active_) {
        reply(554, "5.5.1", "Error: TLS already active");
        return;
    }
    if (!config_.tls_available) {
        reply(502, "5.5.1", "Error: command not implemented");
        return;
    }
    reply(220, "2.0.0", "Ready to start TLS");
    emit(core::EventKind::StartTls, "TLS handshake starts", explain_command("STARTTLS"));
    // The STARTTLS command-injection defence: whatever the client pipelined
    // after STARTTLS was sent in plaintext and must never be executed.
    framer_.discard_buffered();
    input_ = Input::TlsHandshake;
}

}  // namespace maillab::protocols::smtp
