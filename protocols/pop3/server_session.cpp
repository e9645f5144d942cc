#include "protocols/pop3/server_session.hpp"

#include <algorithm>
#include <utility>

#include "protocols/pop3/apop.hpp"
#include "protocols/pop3/explanations.hpp"
#include "protocols/pop3/response.hpp"

namespace maillab::protocols::pop3 {

using core::EventKind;

namespace {

std::string_view error_text(ParseError error) {
    switch (error) {
        case ParseError::TooManyArguments:
            return "too many arguments";
        case ParseError::KeywordTooLong:
            return "unknown command";
        default:
            return "bad command";
    }
}

}  // namespace

ServerSession::ServerSession(Maildrop& maildrop, ServerConfig config)
    : maildrop_(maildrop),
      config_(std::move(config)),
      framer_(core::FramerLimits{kMaxAuthLineOctets, core::BareLfPolicy::Accept}),
      tls_active_(config_.tls_active) {
    if (config_.apop) {
        apop_timestamp_ =
            make_apop_timestamp(config_.apop_pid, config_.apop_clock, config_.hostname);
    }
}

void ServerSession::start() {
    std::string text = "maillab POP3 server ready";
    if (!apop_timestamp_.empty()) text += " " + apop_timestamp_;
    reply(ok_line(text), explain::greeting(!apop_timestamp_.empty()));
}

void ServerSession::receive(std::string_view bytes) {
    answer_delay_ = std::chrono::milliseconds{0};
    // Bytes between "+OK Begin TLS negotiation" and the end of the handshake
    // are the handshake itself, never plaintext commands (RFC 2595 §4).
    if (closed() || state_ == ServerState::StlsPending) return;
    framer_.feed(bytes);
    while (!closed() && state_ != ServerState::StlsPending) {
        auto line = framer_.next_line();
        if (!line) break;
        handle_line(*line);
    }
}

void ServerSession::handle_line(const core::FramedLine& line) {
    if (line.status == core::LineStatus::TooLong) {
        emit(EventKind::Command, line.text + "...", explain::line_too_long(kMaxAuthLineOctets));
        awaiting_sasl_ = false;
        bad_command(err_line("line too long"), explain::line_too_long(kMaxAuthLineOctets));
        return;
    }
    if (awaiting_sasl_) {
        sasl_response(line.text);
        return;
    }
    const ParseResult parsed = parse_command(line.text);
    emit(EventKind::Command, line.text,
         parsed.error == ParseError::None ? explain::command(parsed.command)
                                          : explain::bad_line(parsed.error));
    // AUTH lines carry base64 and may use the larger framer limit.
    if (line.text.size() > kMaxCommandOctets && parsed.command.verb != Verb::Auth) {
        bad_command(err_line("line too long"), explain::line_too_long(kMaxCommandOctets));
        return;
    }
    if (parsed.error != ParseError::None) {
        bad_command(err_line(error_text(parsed.error)), explain::bad_line(parsed.error));
        return;
    }
    handle_command(parsed.command);
}

void ServerSession::handle_command(const Command& cmd) {
    const bool logged_in = state_ == ServerState::Transaction;
    const CommandRow* row = find_command(cmd.verb);
    if (!row) {
        bad_command(err_line("unknown command"), explain::unknown_command(cmd.keyword));
        return;
    }
    // Commands are read only in AUTHORIZATION and TRANSACTION, so a command
    // outside its states belongs to the other one.
    if (!row->states.contains(state_)) {
        bad_command(err_line(logged_in ? "already logged in" : "not logged in yet"),
                    explain::wrong_state(cmd.verb, logged_in));
        return;
    }
    // PASS must follow USER directly (RFC 1939 §7).
    if (!row->has(CommandFlag::KeepsPendingUser)) pending_user_.clear();
    // No default: a verb without a case does not compile (-Wswitch).
    switch (cmd.verb) {
        case Verb::Capa:
            reply(multiline("Capability list follows", capabilities()), explain::capa(!logged_in));
            return;
        case Verb::Quit:
            if (logged_in) {
                cmd_quit();
            } else {
                reply(ok_line("maillab POP3 server signing off"), explain::quit_without_update());
                close_session("client quit before login", explain::quit_without_update());
            }
            return;
        case Verb::User:
            cmd_user(cmd);
            return;
        case Verb::Pass:
            cmd_pass(cmd);
            return;
        case Verb::Apop:
            cmd_apop(cmd);
            return;
        case Verb::Auth:
            cmd_auth(cmd);
            return;
        case Verb::Stls:
            cmd_stls(cmd);
            return;
        case Verb::Stat:
            cmd_stat();
            return;
        case Verb::List:
        case Verb::Uidl:
            cmd_listing(cmd);
            return;
        case Verb::Retr:
            cmd_retr(cmd);
            return;
        case Verb::Top:
            cmd_top(cmd);
            return;
        case Verb::Dele:
            cmd_dele(cmd);
            return;
        case Verb::Rset:
            cmd_rset();
            return;
        case Verb::Noop:
            reply(ok_line(""), explain::noop());
            return;
        case Verb::Unknown:
            return;
    }
}

std::vector<std::string> ServerSession::capabilities() const {
    std::vector<std::string> caps{"CAPA",       "TOP",        "UIDL",
                                  "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE"};
    if (state_ == ServerState::Authorization) {
        if (config_.tls_available && !tls_active_) caps.emplace_back("STLS");
        if (plaintext_allowed()) {
            caps.emplace_back("USER");
            caps.emplace_back("SASL PLAIN");
        }
    }
    return caps;
}

void ServerSession::reply(std::string bytes, core::Explanation why) {
    std::string text = bytes;
    if (text.ends_with("\r\n")) text.resize(text.size() - 2);
    send(bytes);
    emit(EventKind::Reply, std::move(text), std::move(why));
}

void ServerSession::bad_command(std::string bytes, core::Explanation why) {
    reply(std::move(bytes), std::move(why));
    if (++bad_commands_ >= kMaxBadCommands) {
        reply(err_line("too many bad commands, closing connection"),
              explain::too_many_bad_commands(kMaxBadCommands));
        close_session("too many bad commands", explain::too_many_bad_commands(kMaxBadCommands));
    }
}

void ServerSession::close_session(std::string reason, core::Explanation why) {
    lock_.reset();
    state_ = ServerState::Closed;
    awaiting_sasl_ = false;
    mark_closed(std::move(reason), std::move(why));
}

std::optional<std::chrono::milliseconds> ServerSession::timeout() const {
    if (closed()) return std::nullopt;
    return std::max(config_.idle_timeout, kMinIdleTimeout);
}

void ServerSession::on_timeout() {
    if (closed()) return;
    // RFC 1939 §3: close without a reply and without entering UPDATE.
    close_session("idle timeout", explain::idle_timeout());
}

void ServerSession::on_peer_closed() {
    if (closed()) return;
    const bool in_transaction = state_ == ServerState::Transaction;
    close_session("connection dropped without QUIT", explain::dropped_without_quit(in_transaction));
}

void ServerSession::on_tls_established() {
    if (closed() || state_ != ServerState::StlsPending) return;
    tls_active_ = true;
    state_ = ServerState::Authorization;
    framer_.discard_buffered();
    emit(EventKind::StateChange, std::string{to_string(state_)},
         explain::state_authorization_after_tls());
}

}  // namespace maillab::protocols::pop3
