// SMTP: the laptop submits one message (the client sends one per
// connection) on the submission port with AUTH PLAIN; the server's backend
// puts it straight into the recipient's INBOX in a MemoryStore, where the
// lessons' MTA would first queue it.
#include <string>

#include "bench/sim/mail_fixture_parts.hpp"
#include "protocols/smtp/backend.hpp"
#include "protocols/smtp/client_session.hpp"
#include "protocols/smtp/server_session.hpp"

namespace maillab::bench::detail {

namespace {

namespace smtp = protocols::smtp;

constexpr const char* kDomain = "example.test";
constexpr const char* kAddress = "alice@example.test";

std::string local_part(std::string_view address) {
    return std::string{address.substr(0, address.find('@'))};
}

class StoreBackend : public smtp::SmtpBackend {
public:
    explicit StoreBackend(MemoryMailbox& mailbox) : mailbox_(mailbox) {}

    bool is_local_domain(std::string_view domain) const override { return domain == kDomain; }
    bool recipient_exists(std::string_view address) const override {
        return mailbox_.accounts.exists(local_part(address));
    }
    bool authenticate(std::string_view user, std::string_view password) override {
        return mailbox_.accounts.authenticate(user, password);
    }
    smtp::AcceptResult accept(const smtp::Envelope& envelope, std::string message) override {
        using Kind = smtp::AcceptResult::Kind;
        for (const auto& rcpt : envelope.recipients) {
            if (!mailbox_.store.append(local_part(rcpt.address), kInbox, message, {}, kNowSeconds))
                return {Kind::TemporaryFailure, {}, {}, {}};
        }
        return {Kind::Queued, unique_id(), {}, {}};
    }
    smtp::EtrnResult etrn(std::string_view) override {
        return {smtp::EtrnResult::Kind::NotAllowed};
    }
    std::chrono::sys_seconds now() const override {
        return std::chrono::sys_seconds{std::chrono::seconds{kNowSeconds}};
    }
    std::string unique_id() override { return "B" + std::to_string(++ids_); }

private:
    MemoryMailbox& mailbox_;
    unsigned ids_ = 0;
};

class SmtpConversation : public MailConversation {
public:
    explicit SmtpConversation(std::size_t index) : index_(index) {}

    std::unique_ptr<protocols::core::Session> make_server() override {
        smtp::ServerConfig config;
        config.role = smtp::ServerRole::Submission;
        config.hostname = kServerName;
        config.peer_address = kClientAddress;
        config.peer_name = kClientName;
        config.plaintext_auth_allowed = true;  // no TLS in this benchmark
        return std::make_unique<smtp::ServerSession>(config, backend_);
    }
    std::unique_ptr<protocols::core::Session> make_client() override {
        smtp::ClientJob job;
        job.ehlo_name = kClientName;
        job.envelope.mail_from = kAddress;  // alice writes to herself
        job.envelope.recipients.push_back({kAddress, {}, {}});
        job.message = message_text(index_, 1);
        job.auth = smtp::ClientCredentials{kUser, kPassword, smtp::AuthMechanism::Plain};
        auto client = std::make_unique<smtp::ClientSession>(std::move(job));
        client_ = client.get();
        return client;
    }
    bool succeeded() override {
        return client_ != nullptr &&
               client_->result().message_status == smtp::DeliveryStatus::Delivered &&
               mailbox_.inbox_size() == 1;
    }

private:
    std::size_t index_;
    MemoryMailbox mailbox_;
    StoreBackend backend_{mailbox_};
    smtp::ClientSession* client_ = nullptr;
};

}  // namespace

std::unique_ptr<MailConversation> make_smtp_conversation(std::size_t index) {
    return std::make_unique<SmtpConversation>(index);
}

}  // namespace maillab::bench::detail
