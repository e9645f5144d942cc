// The first steps of ClientSession: greeting, CAPABILITY, STARTTLS, login,
// ENABLE QRESYNC and LIST.
#include <string>
#include <utility>

#include "protocols/core/base64.hpp"
#include "protocols/imap/client_session.hpp"
#include "protocols/imap/response_writer.hpp"

namespace maillab::protocols::imap {

using core::EventKind;

namespace {

// An astring the client can send on one line (no literal needed).
std::optional<std::string> one_line_astring(std::string_view value) {
    std::string out;
    write_astring(out, value);
    if (!out.empty() && out.front() == '{') return std::nullopt;
    return out;
}

std::string sasl_plain(const ClientJob& job) {
    std::string message;
    message += '\0';
    message += job.user;
    message += '\0';
    message += job.password;
    return core::encode_base64(message);
}

}  // namespace

void ClientSession::after_greeting(const ServerResponse& r) {
    if (!r.status || *r.status == Status::No || *r.status == Status::Bad) {
        abort("the server sent no greeting");
        return;
    }
    if (*r.status == Status::Bye) {
        abort("the server refused the connection: " + r.text);
        return;
    }
    if (r.code) on_untagged_code(*r.code);
    if (*r.status == Status::Preauth) {
        preauth_ = true;
        report_.logged_in = true;
    }
    if (!capabilities_known_) {
        send_command(Purpose::Capability, "CAPABILITY");
        return;
    }
    after_capability();
}

void ClientSession::after_capability() {
    if (report_.logged_in) {
        if (job_.tls == TlsPolicy::Required && !report_.tls_used) {
            fail("the server logged the client in (PREAUTH) without TLS and TLS is required");
            return;
        }
        after_logged_in();
        return;
    }
    if (!report_.tls_used && job_.tls != TlsPolicy::Never) {
        if (has_capability("STARTTLS")) {
            send_command(Purpose::StartTls, "STARTTLS");
            return;
        }
        if (job_.tls == TlsPolicy::Required) {
            fail("the server does not offer STARTTLS and TLS is required");
            return;
        }
    }
    begin_login();
}

void ClientSession::begin_login() {
    const bool plain = has_capability("AUTH=PLAIN");
    if (plain && has_capability("SASL-IR")) {
        send_command(Purpose::Login, "AUTHENTICATE PLAIN " + sasl_plain(job_));
        return;
    }
    if (!has_capability("LOGINDISABLED")) {
        auto user = one_line_astring(job_.user);
        auto password = one_line_astring(job_.password);
        if (user && password) {
            send_command(Purpose::Login, "LOGIN " + *user + " " + *password);
            return;
        }
    }
    if (plain) {
        send_command(Purpose::Login, "AUTHENTICATE PLAIN");
        return;
    }
    fail(has_capability("LOGINDISABLED")
             ? "the server disables LOGIN and offers no AUTH=PLAIN"
             : "the credentials need a literal and the server offers no AUTH=PLAIN");
}

void ClientSession::on_continuation(const ServerResponse&) {
    if (purpose_ == Purpose::Idle) {
        on_idle_continuation();
        return;
    }
    if (purpose_ == Purpose::Task && !literal_.empty()) {
        send(std::exchange(literal_, {}) + "\r\n");  // APPEND's message after the "+"
        return;
    }
    if (purpose_ == Purpose::Login && command_ == "AUTHENTICATE PLAIN") {
        const std::string response = sasl_plain(job_);
        emit(EventKind::Command, response,
             {"The client's SASL PLAIN response: user name and password in base64, which is an "
              "encoding, not encryption.",
              "RFC 4616 §2, RFC 3501 §6.2.2"});
        send(response + "\r\n");
        return;
    }
    abort("the server asked for a continuation the client did not expect");
}

void ClientSession::after_login(const ServerResponse& r) {
    if (*r.status != Status::Ok) {
        fail("login failed: " + r.text);
        return;
    }
    report_.logged_in = true;
    emit(EventKind::StateChange, "AUTHENTICATED",
         {"Logged in: the client may now open mailboxes.", "RFC 3501 §3.2"});
    // RFC 3501 §6.2.3 lets capabilities change at login; ask unless the OK told.
    if (!r.code || r.code->name != "CAPABILITY") {
        send_command(Purpose::Capability, "CAPABILITY");
        return;
    }
    after_logged_in();
}

void ClientSession::after_logged_in() {
    if (has_capability("QRESYNC") && !qresync_enabled_) {
        send_command(Purpose::Enable, "ENABLE QRESYNC");
        return;
    }
    send_command(Purpose::List, "LIST \"\" \"*\"");
}

void ClientSession::after_setup_step(const ServerResponse& r) {
    const bool ok = *r.status == Status::Ok;
    switch (purpose_) {
        case Purpose::Capability:
            after_capability();
            return;
        case Purpose::StartTls:
            if (ok) {
                purpose_ = Purpose::AwaitTls;
                reader_.discard_buffered();
                emit(EventKind::StartTls, "STARTTLS",
                     {"From here on the connection is encrypted; the client starts the TLS "
                      "handshake.",
                      "RFC 3501 §6.2.1"});
                return;
            }
            if (job_.tls == TlsPolicy::Required) {
                fail("the server refused STARTTLS and TLS is required: " + r.text);
                return;
            }
            begin_login();
            return;
        case Purpose::Enable:
            send_command(Purpose::List, "LIST \"\" \"*\"");
            return;
        case Purpose::List:
            if (ok) {
                cache_.folders = std::exchange(listed_, {});
            } else {
                note("LIST failed; the folder list stays as cached",
                     {"The server refused LIST.", "RFC 3501 §6.3.8"});
            }
            advance();
            return;
        default:
            return;
    }
}

}  // namespace maillab::protocols::imap
