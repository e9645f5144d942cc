// MailServer: a mail server host in the world — its accounts and mail store,
// the SMTP (25, 587, 465) and POP3 (110, 995) services, and the MTA that
// queues, routes and relays mail. Every store and queue change is traced.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocols/mta/queue.hpp"
#include "protocols/store/account_directory.hpp"
#include "protocols/store/mail_store.hpp"
#include "protocols/tls/certificate.hpp"
#include "protocols/tls/tls_context.hpp"
#include "sim/net/service.hpp"

namespace maillab::sim {

class World;
class MtaDriver;
class SmtpBackendAdapter;
class StoreMaildrop;

struct AccountSpec {
    std::string user;
    std::string password;
    protocols::store::QuotaLimits quota;
};

enum class ServiceKind { Smtp, Submission, Submissions, Pop3, Pop3s, Imap, Imaps };
std::uint16_t standard_port(ServiceKind kind);
std::string_view protocol_name(ServiceKind kind);

struct ServerSpec {
    std::string name;     // "mail.maillab.test"
    std::string address;  // "10.0.0.10"
    std::vector<std::string> domains;
    std::vector<AccountSpec> accounts;
    std::vector<ServiceKind> services{
        ServiceKind::Smtp,  ServiceKind::Submission, ServiceKind::Submissions, ServiceKind::Pop3,
        ServiceKind::Pop3s, ServiceKind::Imap,       ServiceKind::Imaps};
    // Set: Maildir and queue on disk under this directory (they survive restarts).
    std::optional<std::filesystem::path> data_dir;
    protocols::mta::RetrySchedule schedule;
    // Plaintext logins are allowed on a loopback/lab listener (RFC 8314 would refuse them).
    bool plaintext_auth_allowed = true;
    // IMAP: FETCH responses of one command traced one by one, at most (imap::ServerConfig).
    std::optional<std::size_t> imap_traced_fetch_lines;
    // The TLS certificate and key; none: a self-signed pair made for this run
    // (fixed validity start, so a seeded world stays reproducible).
    std::optional<protocols::tls::CertificateAndKey> tls_credentials;
};

class ImapService;

class MailServer {
public:
    MailServer(World& world, HostId host, ServerSpec spec);
    ~MailServer();
    MailServer(const MailServer&) = delete;
    MailServer& operator=(const MailServer&) = delete;

    const std::string& name() const { return spec_.name; }
    HostId host() const { return host_; }
    const ServerSpec& spec() const { return spec_; }
    protocols::store::MailStore& store() { return *store_; }
    protocols::store::AccountDirectory& accounts() { return accounts_; }
    protocols::mta::Queue& queue();
    const protocols::tls::TlsContext& tls() const { return *tls_; }

    bool is_local_domain(std::string_view domain) const;
    // "alice@maillab.test" → "alice" when the domain is ours and the account exists.
    std::optional<std::string> local_account(std::string_view address) const;

    // Puts a message straight into an account's mailbox (a lesson's starting mail).
    void seed_message(std::string_view account, std::string_view mailbox, std::string_view bytes,
                      const protocols::store::Flags& flags = {});
    // The MTA looks at its queue now (after a restart, ETRN, or a lesson's "retry now").
    void kick_queue();
    // The server crashes: its connections vanish, the in-memory queue stays
    // only when the queue is on disk.
    void set_up(bool up);
    // The process dies. With `keep_state` (a queue and mailboxes on disk) that
    // is set_up(false); without, the queue and every mailbox are lost too.
    void crash(bool keep_state);

private:
    void open_services();
    void trace_store_change(const protocols::store::Change& change);

    World& world_;
    HostId host_;
    ServerSpec spec_;
    protocols::store::AccountDirectory accounts_;
    std::unique_ptr<protocols::store::MailStore> store_;
    std::optional<protocols::tls::TlsContext> tls_;
    std::unique_ptr<MtaDriver> mta_;
    std::unique_ptr<SmtpBackendAdapter> smtp_backend_;
    std::unique_ptr<StoreMaildrop> maildrop_;
    std::unique_ptr<ImapService> imap_;
    std::vector<std::unique_ptr<Service>> services_;
    protocols::store::Subscription trace_hook_;
};

}  // namespace maillab::sim
