// IMAP: the laptop, with an empty cache, runs one Sync task on INBOX as a
// device in a lesson does: login, LIST, SELECT, fetch every message
// (BODY.PEEK[]) into its cache, LOGOUT. The server reads a MemoryStore
// prefilled with kMessagesPerMailbox messages.
#include "bench/sim/mail_fixture_parts.hpp"
#include "protocols/imap/client_session.hpp"
#include "protocols/imap/directory_credentials.hpp"
#include "protocols/imap/server_session.hpp"

namespace maillab::bench::detail {

namespace {

namespace imap = protocols::imap;

class ImapConversation : public MailConversation {
public:
    explicit ImapConversation(std::size_t index) { mailbox_.fill(index, kMessagesPerMailbox); }

    std::unique_ptr<protocols::core::Session> make_server() override {
        imap::ServerConfig config;
        config.host = kServerName;
        config.starttls_available = false;  // no TLS in this benchmark
        config.plaintext_auth = true;
        config.now = [] { return kNowSeconds; };
        return std::make_unique<imap::ServerSession>(config, credentials_, &mailbox_.store);
    }
    std::unique_ptr<protocols::core::Session> make_client() override {
        imap::ClientJob job;
        job.user = kUser;
        job.password = kPassword;
        job.tls = imap::TlsPolicy::Never;
        job.device = kClientName;
        imap::ClientTask sync;
        sync.kind = imap::TaskKind::Sync;
        sync.mailbox = kInbox;
        job.tasks.push_back(sync);
        auto client = std::make_unique<imap::ClientSession>(std::move(job), cache_);
        client_ = client.get();
        return client;
    }
    bool succeeded() override {
        if (client_ == nullptr) return false;
        const auto& report = client_->report();
        const auto inbox = cache_.mailboxes.find(kInbox);
        return report.logged_in && report.completed && report.error.empty() &&
               inbox != cache_.mailboxes.end() &&
               inbox->second.messages.size() == kMessagesPerMailbox;
    }

private:
    MemoryMailbox mailbox_;
    imap::DirectoryCredentials credentials_{mailbox_.accounts};
    imap::ClientCache cache_;
    imap::ClientSession* client_ = nullptr;
};

}  // namespace

std::unique_ptr<MailConversation> make_imap_conversation(std::size_t index) {
    return std::make_unique<ImapConversation>(index);
}

}  // namespace maillab::bench::detail
