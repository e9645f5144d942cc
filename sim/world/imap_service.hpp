// ImapService: the IMAP side of a mail server. All its sessions share one
// login check (the server's accounts), one configuration (so only the first
// session to see a message gets \Recent, and APPEND dates come from the
// virtual clock), and a wake-up: a session in IDLE learns about another
// session's change inside that session's store call, so after any store
// change every IMAP session is given the chance to send what it has to say.
#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "protocols/imap/directory_credentials.hpp"
#include "protocols/imap/server_session.hpp"
#include "protocols/store/account_directory.hpp"
#include "protocols/store/mail_store.hpp"
#include "protocols/tls/tls_context.hpp"
#include "sim/net/service.hpp"

namespace maillab::sim {

class World;

// How soon a client in IDLE hears of a message file another program added or removed.
inline constexpr std::chrono::seconds kExternalChangePoll{1};

class ImapService {
public:
    // `store_on_disk`: other programs may change the store, so sessions in IDLE
    // look for their changes every kExternalChangePoll.
    ImapService(World& world, std::string host_name, bool plaintext_auth,
                const protocols::store::AccountDirectory& accounts,
                protocols::store::MailStore& store, const protocols::tls::TlsContext& tls,
                bool store_on_disk);

    // Sessions for port 143 (STARTTLS) or 993 (implicit TLS).
    Service::Factory factory(bool implicit);
    // From now on the sessions trace at most `lines` FETCH responses of one command
    // one by one (imap::ServerConfig::traced_fetch_lines).
    void bound_traced_fetch_lines(std::size_t lines) { config_.traced_fetch_lines = lines; }
    // Services whose sessions are woken after store changes.
    void watch(Service& service) { services_.push_back(&service); }
    // Called for every store change: wakes the sessions once, after the change.
    void store_changed();

private:
    World& world_;
    protocols::imap::DirectoryCredentials credentials_;
    protocols::store::MailStore& store_;
    const protocols::tls::TlsContext& tls_;
    protocols::imap::ServerConfig config_;  // copied per session: the copies share \Recent
    std::vector<Service*> services_;
    bool wake_scheduled_ = false;
};

}  // namespace maillab::sim
