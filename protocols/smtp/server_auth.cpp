// AUTH PLAIN and AUTH LOGIN (RFC 4954, RFC 4616) for ServerSession.
#include "protocols/core/base64.hpp"
#include "protocols/smtp/explanations.hpp"
#include "protocols/smtp/server_session.hpp"

namespace maillab::protocols::smtp {

namespace {

// The LOGIN mechanism's challenges, base64 of "Username:" and "Password:".
constexpr std::string_view kLoginUsernameChallenge = "VXNlcm5hbWU6";
constexpr std::string_view kLoginPasswordChallenge = "UGFzc3dvcmQ6";

}  // namespace

bool ServerSession::auth_offered() const {
    return config_.role != ServerRole::Mx && (tls_active_ || config_.plaintext_auth_allowed);
}

void ServerSession::handle(const AuthCommand& command) {
    if (!auth_offered()) {
        reply(503, "5.5.1", "Error: authentication not enabled");
        return;
    }
    if (authenticated()) {
        reply(503, "5.5.1", "Error: already authenticated");
        return;
    }
    // No transaction can be open here: on the roles that offer AUTH, MAIL needs it first.
    const std::string& mechanism = command.mechanism;
    const std::string initial = command.initial.value_or("");
    const bool has_initial = command.initial.has_value();
    if (mechanism == "PLAIN") {
        if (has_initial) {
            auth_plain(initial == "=" ? "" : initial);
            return;
        }
        input_ = Input::AuthPlain;
        reply(334, "", "");
        return;
    }
    if (mechanism == "LOGIN") {
        if (has_initial) {
            auto user = core::decode_base64_strict(initial);
            if (!user) {
                reply(501, "5.5.2", "Error: cannot decode response");
                return;
            }
            auth_login_user_ = *user;
            input_ = Input::AuthLoginPassword;
            reply(334, "", kLoginPasswordChallenge);
            return;
        }
        input_ = Input::AuthLoginUser;
        reply(334, "", kLoginUsernameChallenge);
        return;
    }
    reply(504, "5.5.4", "Unrecognized authentication type");
}

void ServerSession::handle_auth_response(std::string_view line) {
    emit(core::EventKind::Command, line == "*" ? "*" : "***",
         explain_command(line == "*" ? "*" : "AUTH"));
    const Input mode = input_;
    input_ = Input::Commands;
    if (line == "*") {
        auth_login_user_.clear();
        reply(501, "5.7.0", "Authentication aborted");
        return;
    }
    if (mode == Input::AuthPlain) {
        auth_plain(line);
        return;
    }
    auto decoded = core::decode_base64_strict(line);
    if (!decoded) {
        auth_login_user_.clear();
        reply(501, "5.5.2", "Error: cannot decode response");
        return;
    }
    if (mode == Input::AuthLoginUser) {
        auth_login_user_ = *decoded;
        input_ = Input::AuthLoginPassword;
        reply(334, "", kLoginPasswordChallenge);
        return;
    }
    const std::string user = std::move(auth_login_user_);
    auth_login_user_.clear();
    finish_auth(user, *decoded);
}

void ServerSession::auth_plain(std::string_view base64) {
    auto decoded = core::decode_base64_strict(base64);
    if (!decoded) {
        reply(501, "5.5.2", "Error: cannot decode response");
        return;
    }
    // RFC 4616 §2: authzid NUL authcid NUL passwd.
    const std::string& m = *decoded;
    const std::size_t first = m.find('\0');
    const std::size_t second = first == std::string::npos ? first : m.find('\0', first + 1);
    if (second == std::string::npos || m.find('\0', second + 1) != std::string::npos) {
        reply(501, "5.5.2", "Error: malformed PLAIN response");
        return;
    }
    const std::string authzid = m.substr(0, first);
    const std::string authcid = m.substr(first + 1, second - first - 1);
    if (!authzid.empty() && authzid != authcid) {
        // Acting for another user (proxy authorisation) is not allowed here.
        reply(535, "5.7.8", "Error: authentication failed: authorization identity refused");
        return;
    }
    finish_auth(authcid, m.substr(second + 1));
}

void ServerSession::finish_auth(std::string_view user, std::string_view password) {
    if (user.empty() || !backend_.authenticate(user, password)) {
        reply(535, "5.7.8", "Error: authentication failed: authentication failure");
        return;
    }
    auth_user_ = std::string{user};
    reply(235, "2.7.0", "Authentication successful");
    enter(State::Authenticated);
}

}  // namespace maillab::protocols::smtp
