#include "protocols/smtp/client_session.hpp"

#include <algorithm>

#include "protocols/core/base64.hpp"
#include "protocols/smtp/ascii.hpp"
#include "protocols/smtp/data_reader.hpp"
#include "protocols/smtp/explanations.hpp"

namespace maillab::protocols::smtp {

namespace {

DeliveryStatus status_of(const Reply& reply) {
    if (reply.positive()) return DeliveryStatus::Delivered;
    return reply.permanent() ? DeliveryStatus::PermanentFailure : DeliveryStatus::TemporaryFailure;
}

std::string notify_value(const DsnNotify& n) {
    if (n.never) return "NEVER";
    std::string out;
    for (const auto& [set, name] : {std::pair{n.success, "SUCCESS"},
                                    std::pair{n.failure, "FAILURE"}, std::pair{n.delay, "DELAY"}}) {
        if (!set) continue;
        if (!out.empty()) out += ',';
        out += name;
    }
    return out;
}

}  // namespace

bool ServerCapabilities::offers_auth(std::string_view mechanism) const {
    return std::find(auth_mechanisms.begin(), auth_mechanisms.end(), to_upper(mechanism)) !=
           auth_mechanisms.end();
}

ServerCapabilities parse_ehlo_reply(const Reply& reply) {
    ServerCapabilities caps;
    caps.esmtp = true;
    for (std::size_t i = 1; i < reply.lines.size(); ++i) {
        const std::string line = to_upper(reply.lines[i]);
        const std::string keyword = line.substr(0, line.find(' '));
        if (keyword == "PIPELINING") caps.pipelining = true;
        if (keyword == "STARTTLS") caps.starttls = true;
        if (keyword == "CHUNKING") caps.chunking = true;
        if (keyword == "8BITMIME") caps.eightbitmime = true;
        if (keyword == "SMTPUTF8") caps.smtputf8 = true;
        if (keyword == "DSN") caps.dsn = true;
        if (keyword == "SIZE") caps.size = true;
        if (keyword == "AUTH") {
            std::size_t pos = line.find(' ');
            while (pos != std::string::npos) {
                const std::size_t next = line.find(' ', pos + 1);
                std::string mech =
                    line.substr(pos + 1, next == std::string::npos ? next : next - pos - 1);
                if (!mech.empty()) caps.auth_mechanisms.push_back(std::move(mech));
                pos = next;
            }
        }
    }
    return caps;
}

ClientSession::ClientSession(ClientJob job)
    : job_(std::move(job)), body_(normalize_line_ends(job_.message)) {
    for (const auto& r : job_.envelope.recipients)
        result_.recipients.push_back(
            RecipientResult{r.address, DeliveryStatus::Pending, false, {}});
}

void ClientSession::start() {
    step_ = Step::Greeting;
}

void ClientSession::receive(std::string_view bytes) {
    if (closed() || step_ == Step::TlsHandshake) return;
    parser_.feed(bytes);
    while (!closed() && step_ != Step::TlsHandshake) {
        auto parsed = parser_.next();
        if (!parsed) return;
        if (!parsed->ok) {
            emit(core::EventKind::Note, "malformed reply: " + parsed->error,
                 core::Explanation{"A reply must start with a three-digit code.", "RFC 5321 §4.2"});
            fail_connection("malformed reply from server: " + parsed->error);
            return;
        }
        emit(core::EventKind::Reply,
             parsed->reply.wire().substr(0, parsed->reply.wire().size() - 2),
             explain_reply(parsed->reply.code, parsed->reply.enhanced));
        handle_reply(parsed->reply);
    }
}

std::optional<std::chrono::milliseconds> ClientSession::timeout() const {
    if (closed()) return std::nullopt;
    return job_.timeout;
}

void ClientSession::on_timeout() {
    if (!closed()) fail_connection("timeout waiting for the server");
}

void ClientSession::on_peer_closed() {
    if (!closed()) fail_connection("connection closed by the server");
}

void ClientSession::on_tls_established() {
    if (step_ != Step::TlsHandshake) return;
    // RFC 3207 §4.2: forget what the server said before TLS and ask again.
    parser_ = ReplyParser{};
    result_.tls = true;
    caps_ = {};
    send_ehlo();
}

void ClientSession::command(const std::string& line, std::string_view shown) {
    send(line + "\r\n");
    const std::string verb = to_upper(line.substr(0, line.find(' ')));
    emit(core::EventKind::Command, shown.empty() ? line : std::string{shown},
         explain_command(verb));
}

void ClientSession::auth_response(std::string_view secret) {
    send(core::encode_base64(secret) + "\r\n");
    emit(core::EventKind::Command, "***", explain_command("AUTH"));
}

void ClientSession::send_ehlo() {
    command("EHLO " + job_.ehlo_name);
    step_ = Step::Ehlo;
}

void ClientSession::handle_reply(const Reply& reply) {
    if (reply.code == 421 && step_ != Step::Quit) {
        fail_all(reply, true);
        mark_closed("server closed the session: " + reply.text(),
                    explain_reply(421, reply.enhanced));
        return;
    }
    switch (step_) {
        case Step::Greeting:
            if (reply.code == 220) return send_ehlo();
            fail_all(reply, true);
            return quit();
        case Step::Ehlo:
            if (reply.code == 250) {
                caps_ = parse_ehlo_reply(reply);
                return after_ehlo();
            }
            if ((reply.code == 500 || reply.code == 502) && !result_.tls) {
                command("HELO " + job_.ehlo_name);
                step_ = Step::Helo;
                return;
            }
            fail_all(reply, true);
            return quit();
        case Step::Helo:
            if (reply.code != 250) {
                fail_all(reply, true);
                return quit();
            }
            caps_ = {};
            return after_ehlo();
        case Step::StartTls:
            if (reply.code == 220) {
                step_ = Step::TlsHandshake;
                emit(core::EventKind::StartTls, "TLS handshake starts",
                     explain_command("STARTTLS"));
                return;
            }
            if (job_.tls == TlsPolicy::Required) {
                fail_all(reply, true);
                return quit();
            }
            tls_declined_ = true;
            return after_ehlo();
        case Step::AuthStart:
            if (reply.code == 334) {
                auth_response(job_.auth->user);
                step_ = Step::AuthUser;
                return;
            }
            break;
        case Step::AuthUser:
            if (reply.code == 334) {
                auth_response(job_.auth->password);
                step_ = Step::AuthResult;
                return;
            }
            break;
        case Step::AuthResult:
            if (reply.code == 235) {
                result_.authenticated = true;
                return start_mail();
            }
            break;
        case Step::Envelope:
            return handle_envelope_reply(reply);
        case Step::Data:
            if (reply.code == 354) {
                send(dot_stuff(body_) + ".\r\n");
                emit(core::EventKind::Note,
                     "message text sent: " + std::to_string(body_.size()) + " octets",
                     core::Explanation{"The text is dot-stuffed and ends with <CRLF>.<CRLF>.",
                                       "RFC 5321 §4.5.2"});
                step_ = Step::Body;
                return;
            }
            finish_message(reply);
            return;
        case Step::Body:
            return finish_message(reply);
        case Step::Quit:
            step_ = Step::Done;
            mark_closed("session finished", explain_reply(reply.code, reply.enhanced));
            return;
        case Step::TlsHandshake:
        case Step::Done:
            return;
    }
    // An AUTH exchange that did not end in 235.
    fail_all(reply, false);
    quit();
}

void ClientSession::after_ehlo() {
    if (!result_.tls && job_.tls != TlsPolicy::Never && !tls_declined_) {
        if (caps_.starttls) {
            command("STARTTLS");
            step_ = Step::StartTls;
            return;
        }
        if (job_.tls == TlsPolicy::Required) {
            fail_all(Reply{0, "", {"TLS required but the server does not offer STARTTLS"}}, true);
            return quit();
        }
    }
    if (job_.auth && !result_.authenticated) return start_auth();
    start_mail();
}

void ClientSession::start_auth() {
    const bool plain = job_.auth->mechanism == AuthMechanism::Plain;
    if (!caps_.offers_auth(plain ? "PLAIN" : "LOGIN")) {
        fail_all(Reply{0, "", {"the server does not offer the AUTH mechanism we need"}}, true);
        return quit();
    }
    if (plain) {
        const std::string response =
            std::string{"\0", 1} + job_.auth->user + std::string{"\0", 1} + job_.auth->password;
        command("AUTH PLAIN " + core::encode_base64(response), "AUTH PLAIN ***");
        step_ = Step::AuthResult;
    } else {
        command("AUTH LOGIN");
        step_ = Step::AuthStart;
    }
}

std::string ClientSession::mail_command() const {
    const Envelope& e = job_.envelope;
    std::string line = "MAIL FROM:<" + e.mail_from + ">";
    if (!caps_.esmtp) return line;
    if (caps_.size) line += " SIZE=" + std::to_string(body_.size());
    if (caps_.eightbitmime && e.body == BodyType::EightBitMime) line += " BODY=8BITMIME";
    if (caps_.smtputf8 && e.smtputf8) line += " SMTPUTF8";
    if (caps_.dsn && e.ret != DsnReturn::Unspecified)
        line += e.ret == DsnReturn::Full ? " RET=FULL" : " RET=HDRS";
    if (caps_.dsn && !e.envid.empty()) line += " ENVID=" + e.envid;
    return line;
}

std::string ClientSession::rcpt_command(const EnvelopeRecipient& rcpt) const {
    std::string line = "RCPT TO:<" + rcpt.address + ">";
    if (caps_.dsn && rcpt.notify.specified()) line += " NOTIFY=" + notify_value(rcpt.notify);
    if (caps_.dsn && !rcpt.orcpt.empty()) line += " ORCPT=" + rcpt.orcpt;
    return line;
}

void ClientSession::start_mail() {
    step_ = Step::Envelope;
    envelope_sent_ = envelope_answered_ = 0;
    result_.pipelined = caps_.pipelining;
    const std::size_t total = job_.envelope.recipients.size() + 1;
    // RFC 2920 §3.1: MAIL and every RCPT may go in one burst.
    do {
        send_next_envelope_command();
    } while (caps_.pipelining && envelope_sent_ < total);
}

void ClientSession::send_next_envelope_command() {
    if (envelope_sent_ == 0) {
        command(mail_command());
    } else {
        command(rcpt_command(job_.envelope.recipients[envelope_sent_ - 1]));
    }
    ++envelope_sent_;
}

void ClientSession::handle_envelope_reply(const Reply& reply) {
    const std::size_t index = envelope_answered_++;
    if (index == 0) {
        mail_reply_ = reply;
    } else {
        RecipientResult& r = result_.recipients[index - 1];
        r.reply = reply;
        if (!mail_reply_.positive()) {
            r.reply = mail_reply_;
            r.status = status_of(mail_reply_);
        } else if (reply.positive()) {
            r.accepted_at_rcpt = true;
        } else {
            r.status = status_of(reply);
        }
    }
    const std::size_t total = job_.envelope.recipients.size() + 1;
    if (!caps_.pipelining) {
        if (index == 0 && !reply.positive()) {
            fail_all(reply, false);
            return quit();
        }
        if (envelope_sent_ < total) return send_next_envelope_command();
    }
    if (envelope_answered_ == total) after_envelope();
}

void ClientSession::after_envelope() {
    if (!mail_reply_.positive()) {
        fail_all(mail_reply_, false);
        return quit();
    }
    const bool any = std::any_of(result_.recipients.begin(), result_.recipients.end(),
                                 [](const RecipientResult& r) { return r.accepted_at_rcpt; });
    if (!any) {
        const auto temp = std::find_if(
            result_.recipients.begin(), result_.recipients.end(),
            [](const RecipientResult& r) { return r.status == DeliveryStatus::TemporaryFailure; });
        const auto& decisive = temp != result_.recipients.end() ? *temp : result_.recipients.back();
        result_.message_status = decisive.status == DeliveryStatus::Pending
                                     ? DeliveryStatus::PermanentFailure
                                     : decisive.status;
        result_.final_reply = decisive.reply;
        return quit();
    }
    send_message();
}

void ClientSession::send_message() {
    if (job_.use_chunking && caps_.chunking) {
        result_.chunked = true;
        command("BDAT " + std::to_string(body_.size()) + " LAST");
        send(body_);
        step_ = Step::Body;
        return;
    }
    command("DATA");
    step_ = Step::Data;
}

void ClientSession::finish_message(const Reply& reply) {
    for (auto& r : result_.recipients) {
        if (!r.accepted_at_rcpt || r.status != DeliveryStatus::Pending) continue;
        r.status = status_of(reply);
        r.reply = reply;
    }
    result_.message_status = status_of(reply);
    result_.final_reply = reply;
    quit();
}

void ClientSession::quit() {
    command("QUIT");
    step_ = Step::Quit;
}

void ClientSession::fail_all(const Reply& reply, bool temporary) {
    const DeliveryStatus status = temporary || !reply.permanent()
                                      ? DeliveryStatus::TemporaryFailure
                                      : DeliveryStatus::PermanentFailure;
    for (auto& r : result_.recipients) {
        if (r.status != DeliveryStatus::Pending) continue;
        r.status = status;
        r.reply = reply;
    }
    if (result_.message_status == DeliveryStatus::Pending) {
        result_.message_status = status;
        result_.final_reply = reply;
    }
}

void ClientSession::fail_connection(std::string why) {
    result_.error = why;
    fail_all(Reply{0, "", {why}}, true);
    step_ = Step::Done;
    mark_closed(std::move(why));
}

}  // namespace maillab::protocols::smtp
