// The steps of ClientSession: greeting, CAPA, STLS, login, listing, the
// planned RETR/DELE actions, and QUIT.
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "protocols/core/base64.hpp"
#include "protocols/pop3/apop.hpp"
#include "protocols/pop3/client_session.hpp"
#include "protocols/pop3/explanations.hpp"

namespace maillab::protocols::pop3 {

using core::EventKind;

namespace {

std::string describe(const Response& r) {
    return r.status_line.empty() ? std::string{"no reply"} : r.status_line;
}

}  // namespace

void ClientSession::after_greeting(const Response& r) {
    if (!r.ok) {
        abort("the server refused the connection: " + describe(r));
        return;
    }
    if (auto stamp = find_apop_timestamp(r.text)) apop_timestamp_ = std::move(*stamp);
    step_ = Step::Capa;
    send_command(Verb::Capa, "CAPA", true);
}

void ClientSession::after_capa(const Response& r) {
    // A server without CAPA (RFC 1939 only) answers -ERR: carry on without it.
    if (r.ok) {
        capa_known_ = true;
        std::string_view body = r.body;
        while (!body.empty()) {
            const std::size_t end = body.find("\r\n");
            std::string_view line = body.substr(0, end);
            body.remove_prefix(end == std::string_view::npos ? body.size() : end + 2);
            std::string word{line.substr(0, line.find(' '))};
            for (char& c : word)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            capabilities_.insert(word);
            if (word == "SASL") capabilities_.insert(std::string{line});
        }
    }
    if (!report_.tls_used && options_.tls != TlsPolicy::Never) {
        const bool offered = capabilities_.count("STLS") != 0;
        if (offered || (!capa_known_ && options_.tls == TlsPolicy::Required)) {
            step_ = Step::Stls;
            send_command(Verb::Stls, "STLS", false);
            return;
        }
        if (options_.tls == TlsPolicy::Required) {
            fail("the server does not offer STLS and TLS is required");
            return;
        }
    }
    begin_login();
}

void ClientSession::after_stls(const Response& r) {
    if (r.ok) {
        step_ = Step::AwaitTls;
        framer_.discard_buffered();
        emit(EventKind::StartTls, "STLS", explain::stls_begin());
        return;
    }
    if (options_.tls == TlsPolicy::Required) {
        fail("the server refused STLS and TLS is required: " + describe(r));
        return;
    }
    begin_login();
}

void ClientSession::begin_login() {
    switch (options_.login) {
        case LoginMethod::UserPass:
            step_ = Step::Login;
            send_command(Verb::User, "USER " + options_.user, false);
            return;
        case LoginMethod::Apop:
            if (apop_timestamp_.empty()) {
                fail("APOP chosen, but the greeting has no timestamp");
                return;
            }
            step_ = Step::Pass;
            send_command(
                Verb::Apop,
                "APOP " + options_.user + " " + apop_digest(apop_timestamp_, options_.password),
                false);
            return;
        case LoginMethod::SaslPlain: {
            step_ = Step::Pass;
            const std::string plain = std::string{'\0'} + options_.user + '\0' + options_.password;
            send_command(Verb::Auth, "AUTH PLAIN " + core::encode_base64(plain), false);
            return;
        }
    }
}

void ClientSession::after_login(const Response& r) {
    if (r.continuation && sent_ == Verb::Auth) {
        // A server that ignored the initial response asks for it again.
        const std::string plain = std::string{'\0'} + options_.user + '\0' + options_.password;
        const std::string line = core::encode_base64(plain);
        emit(EventKind::Command, line, explain::sasl_response());
        send(line + "\r\n");
        return;
    }
    if (!r.ok) {
        fail("login refused: " + describe(r));
        return;
    }
    if (step_ == Step::Login) {
        step_ = Step::Pass;
        send_command(Verb::Pass, "PASS " + options_.password, false);
        return;
    }
    report_.logged_in = true;
    // STAT first, as fetchmail and Thunderbird do: how many messages, how big.
    step_ = Step::Stat;
    send_command(Verb::Stat, "STAT", false);
}

void ClientSession::after_listing(const Response& r) {
    if (!r.ok) {
        if (options_.only_new || !options_.expired_uids.empty()) {
            fail("the server has no UIDL, so new and old messages cannot be told apart");
            return;
        }
        std::vector<std::pair<std::size_t, std::string>> numbered;
        for (std::size_t n = 1; n <= stat_count_; ++n)
            numbered.emplace_back(n, "");
        plan_work(numbered);
        return;
    }
    std::vector<std::pair<std::size_t, std::string>> messages;
    std::string_view body = r.body;
    while (!body.empty()) {
        const std::size_t end = body.find("\r\n");
        const std::string_view line = body.substr(0, end);
        body.remove_prefix(end == std::string_view::npos ? body.size() : end + 2);
        const std::size_t space = line.find(' ');
        if (space == std::string_view::npos) continue;
        const auto number = parse_number(line.substr(0, space));
        if (number) messages.emplace_back(*number, std::string{line.substr(space + 1)});
    }
    plan_work(messages);
}

void ClientSession::after_stat(const Response& r) {
    const auto count = r.ok ? parse_number(r.text.substr(0, r.text.find(' '))) : std::nullopt;
    if (!count) {
        fail("STAT failed: " + describe(r));
        return;
    }
    stat_count_ = *count;
    step_ = Step::Listing;
    send_command(Verb::Uidl, "UIDL", true);
}

void ClientSession::plan_work(const std::vector<std::pair<std::size_t, std::string>>& messages) {
    for (const auto& [number, uid] : messages) {
        if (!uid.empty()) report_.server_uids.push_back(uid);
        const bool wanted = !options_.only_new || options_.known_uids.count(uid) == 0;
        if (wanted) {
            actions_.push_back(Action{Verb::Retr, number, uid});
            if (options_.delete_after_download) {
                actions_.push_back(Action{Verb::Dele, number, uid});
                continue;
            }
        }
        if (!uid.empty() && options_.expired_uids.count(uid) != 0) {
            actions_.push_back(Action{Verb::Dele, number, uid});
        }
    }
    step_ = Step::Work;
    next_action();
}

void ClientSession::next_action() {
    if (next_action_ >= actions_.size()) {
        step_ = Step::Quit;
        send_command(Verb::Quit, "QUIT", false);
        return;
    }
    const Action& a = actions_[next_action_];
    send_command(a.verb, std::string{to_string(a.verb)} + " " + std::to_string(a.number),
                 a.verb == Verb::Retr);
}

void ClientSession::after_action(const Response& r) {
    const Action a = actions_[next_action_++];
    const std::string id = a.uid.empty() ? "message " + std::to_string(a.number) : a.uid;
    if (a.verb == Verb::Retr) {
        if (r.ok) {
            report_.downloaded.push_back(a.uid);
            emit(EventKind::Note,
                 "downloaded " + id + " (" + std::to_string(r.body.size()) + " octets)",
                 {"The device now has its own copy of " + id, "RFC 1939 §5"});
            outcomes_.push_back(
                ClientOutcome{ClientOutcome::Kind::Downloaded, a.number, a.uid, r.body});
        } else if (next_action_ < actions_.size() && actions_[next_action_].verb == Verb::Dele &&
                   actions_[next_action_].number == a.number) {
            // Never delete what could not be downloaded.
            ++next_action_;
        }
    } else if (r.ok) {
        report_.marked.push_back(a.uid);
        emit(EventKind::Note, "marked " + id + " for deletion", explain::dele(a.number));
        outcomes_.push_back(ClientOutcome{ClientOutcome::Kind::Marked, a.number, a.uid, {}});
    }
    next_action();
}

void ClientSession::after_quit(const Response& r) {
    if (r.ok && report_.logged_in) {
        report_.committed = true;
        if (!report_.marked.empty()) {
            emit(EventKind::Note,
                 std::to_string(report_.marked.size()) + " messages removed from the server",
                 explain::quit_update(report_.marked.size()));
        }
        outcomes_.push_back(ClientOutcome{ClientOutcome::Kind::Committed, 0, {}, {}});
    } else if (!r.ok && report_.error.empty()) {
        report_.error = "QUIT failed: " + describe(r);
    }
    finish("QUIT");
}

}  // namespace maillab::protocols::pop3
