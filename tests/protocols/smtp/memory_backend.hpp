// Test fixtures for the SMTP engine: an in-memory SmtpBackend (a few local
// users, a fixed clock, a list of accepted messages), server configurations,
// a helper that runs a server session, and a client job builder.
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "protocols/core/engine_pair.hpp"
#include "protocols/smtp/backend.hpp"
#include "protocols/smtp/client_session.hpp"
#include "protocols/smtp/server_session.hpp"

namespace maillab::protocols::smtp::test {

// 2023-11-14 22:13:20 UTC, a Tuesday.
inline constexpr std::chrono::sys_seconds kTestNow{std::chrono::seconds{1'700'000'000}};

class MemoryBackend : public SmtpBackend {
public:
    struct Stored {
        Envelope envelope;
        std::string message;
        bool operator==(const Stored&) const = default;
    };

    std::set<std::string> domains{"example.test"};
    std::set<std::string> users{"alice@example.test", "bob@example.test"};
    std::pair<std::string, std::string> login{"alice", "secret"};
    AcceptResult::Kind next_result = AcceptResult::Kind::Queued;
    EtrnResult::Kind etrn_result = EtrnResult::Kind::Started;
    std::vector<Stored> accepted;
    std::vector<std::string> etrn_domains;

    bool is_local_domain(std::string_view domain) const override {
        return domains.count(std::string{domain}) > 0;
    }
    bool recipient_exists(std::string_view address) const override {
        return users.count(std::string{address}) > 0;
    }
    bool authenticate(std::string_view user, std::string_view password) override {
        return user == login.first && password == login.second;
    }
    AcceptResult accept(const Envelope& envelope, std::string message) override {
        if (next_result != AcceptResult::Kind::Queued) return AcceptResult{next_result, {}, {}, {}};
        accepted.push_back(Stored{envelope, std::move(message)});
        return AcceptResult{
            AcceptResult::Kind::Queued, "Q" + std::to_string(accepted.size()), {}, {}};
    }
    EtrnResult etrn(std::string_view domain) override {
        etrn_domains.emplace_back(domain);
        return EtrnResult{etrn_result};
    }
    std::chrono::sys_seconds now() const override { return kTestNow; }
    std::string unique_id() override { return "T" + std::to_string(++ids_); }

private:
    int ids_ = 0;
};

inline ServerConfig mx_config() {
    ServerConfig c;
    c.role = ServerRole::Mx;
    c.hostname = "mx.example.test";
    c.peer_address = "192.0.2.7";
    return c;
}

inline ServerConfig submission_config(bool tls_available = true, bool plaintext_auth = false) {
    ServerConfig c = mx_config();
    c.role = ServerRole::Submission;
    c.hostname = "smtp.example.test";
    c.tls_available = tls_available;
    c.plaintext_auth_allowed = plaintext_auth;
    return c;
}

// Everything one server session said and did for a given input.
struct ServerRun {
    std::string output;
    std::vector<core::ProtocolEvent> events;
    bool closed = false;
    std::vector<MemoryBackend::Stored> accepted;
    bool operator==(const ServerRun&) const = default;
};

// The reply lines of `output`, without CRLF.
inline std::vector<std::string> lines_of(std::string_view output) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < output.size()) {
        const std::size_t end = output.find("\r\n", pos);
        if (end == std::string_view::npos) break;
        out.emplace_back(output.substr(pos, end - pos));
        pos = end + 2;
    }
    return out;
}

// The final reply lines only (one per reply), dropping the greeting.
inline std::vector<std::string> replies_of(std::string_view output) {
    std::vector<std::string> out;
    for (auto& l : lines_of(output))
        if (l.size() < 4 || l[3] != '-') out.push_back(std::move(l));
    if (!out.empty()) out.erase(out.begin());
    return out;
}

template <typename Feed>
ServerRun run_server(const ServerConfig& config, MemoryBackend& backend, Feed&& feed) {
    ServerSession server{config, backend};
    server.start();
    feed([&](std::string_view bytes) { server.receive(bytes); });
    ServerRun run;
    run.output = server.take_output();
    run.events = server.take_events();
    run.closed = server.closed();
    run.accepted = backend.accepted;
    return run;
}

inline ServerRun run_server(const ServerConfig& config, std::string_view input) {
    MemoryBackend backend;
    return run_server(config, backend, [&](const auto& f) { f(input); });
}

inline ClientJob client_job(std::string mail_from, const std::vector<std::string>& recipients,
                            std::string message, std::string ehlo_name) {
    ClientJob j;
    j.ehlo_name = std::move(ehlo_name);
    j.envelope.mail_from = std::move(mail_from);
    for (const auto& r : recipients)
        j.envelope.recipients.push_back(EnvelopeRecipient{r, {}, {}});
    j.message = std::move(message);
    return j;
}

}  // namespace maillab::protocols::smtp::test
