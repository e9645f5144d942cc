// The AUTHORIZATION state of ServerSession: USER/PASS, APOP, AUTH PLAIN, STLS.
#include <cctype>
#include <utility>

#include "protocols/core/base64.hpp"
#include "protocols/pop3/apop.hpp"
#include "protocols/pop3/explanations.hpp"
#include "protocols/pop3/response.hpp"
#include "protocols/pop3/server_session.hpp"

namespace maillab::protocols::pop3 {

using core::EventKind;

void ServerSession::cmd_user(const Command& cmd) {
    if (!plaintext_allowed()) {
        reply(err_line("Plaintext authentication disallowed on non-secure connections",
                       RespCode::Auth),
              explain::plaintext_refused());
        return;
    }
    if (cmd.args.size() != 1) {
        reply(err_line("USER needs exactly one argument"), explain::missing_argument(cmd.verb));
        return;
    }
    pending_user_ = cmd.args.front();
    reply(ok_line(""), explain::user_accepted(pending_user_));
}

void ServerSession::cmd_pass(const Command& cmd) {
    std::string user = std::exchange(pending_user_, {});
    if (user.empty()) {
        reply(err_line("No username given"), explain::pass_without_user());
        return;
    }
    if (cmd.rest.empty()) {
        reply(err_line("PASS needs an argument"), explain::missing_argument(cmd.verb));
        return;
    }
    try_login("USER/PASS", user, maildrop_.authenticate(user, cmd.rest));
}

void ServerSession::cmd_apop(const Command& cmd) {
    if (cmd.args.size() != 2) {
        reply(err_line("APOP needs a name and a digest"), explain::missing_argument(cmd.verb));
        return;
    }
    if (apop_timestamp_.empty()) {
        reply(err_line("APOP is not available"), explain::apop_unavailable());
        return;
    }
    const std::string& user = cmd.args[0];
    // An unknown user fails exactly like a wrong digest, so names cannot be probed.
    const auto secret = maildrop_.apop_secret(user);
    const bool matches = secret && apop_matches(cmd.args[1], apop_timestamp_, *secret);
    try_login("APOP", user, matches ? AuthResult::Ok : AuthResult::Rejected);
}

void ServerSession::cmd_auth(const Command& cmd) {
    if (cmd.args.empty()) {
        std::vector<std::string> mechanisms;
        if (plaintext_allowed()) mechanisms.emplace_back("PLAIN");
        reply(multiline("", mechanisms), explain::auth_mechanisms());
        return;
    }
    std::string mechanism = cmd.args.front();
    for (char& c : mechanism)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (mechanism != "PLAIN") {
        reply(err_line("Unsupported authentication mechanism"),
              explain::auth_unknown_mechanism(mechanism));
        return;
    }
    if (!plaintext_allowed()) {
        reply(err_line("Plaintext authentication disallowed on non-secure connections",
                       RespCode::Auth),
              explain::plaintext_refused());
        return;
    }
    if (cmd.args.size() == 2) {
        sasl_response(cmd.args[1]);
        return;
    }
    awaiting_sasl_ = true;
    reply("+ \r\n", explain::auth_continue());
}

void ServerSession::sasl_response(std::string_view line) {
    if (awaiting_sasl_) emit(EventKind::Command, std::string{line}, explain::sasl_response());
    awaiting_sasl_ = false;
    if (line == "*") {
        reply(err_line("Authentication cancelled"), explain::auth_cancelled());
        return;
    }
    // RFC 5034 §4: "=" is an empty initial response.
    const auto decoded =
        line == "=" ? std::optional<std::string>{""} : core::decode_base64_strict(line);
    if (!decoded) {
        reply(err_line("Invalid base64 data"), explain::auth_bad_base64());
        return;
    }
    // RFC 4616: authzid NUL authcid NUL passwd.
    const std::size_t first = decoded->find('\0');
    const std::size_t second =
        first == std::string::npos ? std::string::npos : decoded->find('\0', first + 1);
    if (second == std::string::npos || decoded->find('\0', second + 1) != std::string::npos) {
        login_failed("AUTH PLAIN");
        return;
    }
    const std::string authzid = decoded->substr(0, first);
    const std::string user = decoded->substr(first + 1, second - first - 1);
    const std::string password = decoded->substr(second + 1);
    if (user.empty() || (!authzid.empty() && authzid != user)) {
        login_failed("AUTH PLAIN");
        return;
    }
    try_login("AUTH PLAIN", user, maildrop_.authenticate(user, password));
}

void ServerSession::cmd_stls(const Command& cmd) {
    if (!cmd.args.empty()) {
        reply(err_line("STLS takes no arguments"), explain::stls_refused("it takes no arguments"));
        return;
    }
    if (tls_active_) {
        reply(err_line("TLS is already active"), explain::stls_refused("TLS is already active"));
        return;
    }
    if (!config_.tls_available) {
        reply(err_line("TLS is not available"),
              explain::stls_refused("this server has no TLS certificate"));
        return;
    }
    reply(ok_line("Begin TLS negotiation"), explain::stls_begin());
    state_ = ServerState::StlsPending;
    // Anything pipelined behind STLS was sent in plaintext before the
    // handshake: an attacker may have injected it (RFC 2595 §4, CVE-2011-0411).
    framer_.discard_buffered();
    emit(EventKind::StartTls, "STLS", explain::stls_begin());
}

void ServerSession::try_login(std::string_view method, const std::string& user, AuthResult result) {
    switch (result) {
        case AuthResult::Rejected:
            login_failed(method);
            return;
        case AuthResult::LoginDelay:
            reply(err_line("Login delay in effect", RespCode::LoginDelay), explain::login_delay());
            return;
        case AuthResult::TemporaryFailure:
            reply(err_line("Temporary authentication failure", RespCode::SysTemp),
                  explain::temporary_failure());
            return;
        case AuthResult::Ok:
            break;
    }
    auto lock = maildrop_.lock(user);
    if (!lock) {
        reply(err_line("Mailbox is locked by another POP3 session", RespCode::InUse),
              explain::in_use());
        return;
    }
    const auto snapshot = maildrop_.snapshot(user);
    if (!snapshot) {
        reply(err_line("Cannot open the mailbox", RespCode::SysTemp), explain::temporary_failure());
        return;
    }
    lock_ = std::move(lock);
    user_ = user;
    entries_.clear();
    for (const auto& m : *snapshot)
        entries_.push_back(Entry{m, false});
    state_ = ServerState::Transaction;
    reply(ok_line("Logged in"), explain::logged_in(method, visible_count(), visible_octets()));
    emit(EventKind::StateChange, std::string{to_string(state_)}, explain::state_transaction());
}

void ServerSession::login_failed(std::string_view method) {
    ++failed_logins_;
    // Summed: failed logins pipelined in one chunk are each waited for.
    answer_delay_ += config_.auth_failure_delay * static_cast<long>(failed_logins_);
    if (failed_logins_ >= config_.max_auth_failures) {
        reply(err_line("Authentication failed, too many attempts, closing connection",
                       RespCode::Auth),
              explain::too_many_login_failures(config_.max_auth_failures));
        close_session("too many failed logins",
                      explain::too_many_login_failures(config_.max_auth_failures));
        return;
    }
    reply(err_line("Authentication failed", RespCode::Auth), explain::login_failed(method));
}

}  // namespace maillab::protocols::pop3
