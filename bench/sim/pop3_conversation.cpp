// POP3: the laptop logs in with USER/PASS, downloads every message of a
// maildrop prefilled with kMessagesPerMailbox messages, deletes each one and
// commits the deletions with QUIT. The server's maildrop is MemoryMaildrop,
// the POP3 library's own in-memory one.
#include "bench/sim/mail_fixture_parts.hpp"
#include "protocols/pop3/client_session.hpp"
#include "protocols/pop3/memory_maildrop.hpp"
#include "protocols/pop3/server_session.hpp"

namespace maillab::bench::detail {

namespace {

namespace pop3 = protocols::pop3;

class Pop3Conversation : public MailConversation {
public:
    explicit Pop3Conversation(std::size_t index) {
        maildrop_.add_user(kUser, kPassword);
        for (std::size_t i = 1; i <= kMessagesPerMailbox; ++i)
            maildrop_.add_message(kUser, message_text(index, i));
    }

    std::unique_ptr<protocols::core::Session> make_server() override {
        pop3::ServerConfig config;
        config.hostname = kServerName;
        config.allow_plaintext_auth = true;  // no TLS in this benchmark
        return std::make_unique<pop3::ServerSession>(maildrop_, config);
    }
    std::unique_ptr<protocols::core::Session> make_client() override {
        pop3::ClientOptions options;
        options.user = kUser;
        options.password = kPassword;
        options.delete_after_download = true;
        auto client = std::make_unique<pop3::ClientSession>(std::move(options));
        client_ = client.get();
        return client;
    }
    bool succeeded() override {
        if (client_ == nullptr) return false;
        const auto& report = client_->report();
        return report.logged_in && report.committed && report.error.empty() &&
               report.downloaded.size() == kMessagesPerMailbox && maildrop_.messages(kUser).empty();
    }

private:
    pop3::MemoryMaildrop maildrop_;
    pop3::ClientSession* client_ = nullptr;
};

}  // namespace

std::unique_ptr<MailConversation> make_pop3_conversation(std::size_t index) {
    return std::make_unique<Pop3Conversation>(index);
}

}  // namespace maillab::bench::detail
