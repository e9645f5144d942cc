#include "sim/world/mail_server.hpp"

#include <algorithm>

#include "protocols/mta/envelope.hpp"
#include "protocols/pop3/server_session.hpp"
#include "protocols/smtp/server_session.hpp"
#include "protocols/store/maildir_store.hpp"
#include "protocols/store/memory_store.hpp"
#include "protocols/tls/secure_session.hpp"
#include "sim/world/imap_service.hpp"
#include "sim/world/message_summary.hpp"
#include "sim/world/mta_driver.hpp"
#include "sim/world/smtp_backend_adapter.hpp"
#include "sim/world/store_maildrop.hpp"
#include "sim/world/world.hpp"

namespace maillab::sim {

namespace store = protocols::store;
namespace tls = protocols::tls;

std::uint16_t standard_port(ServiceKind kind) {
    switch (kind) {
        case ServiceKind::Smtp:
            return 25;
        case ServiceKind::Submission:
            return 587;
        case ServiceKind::Submissions:
            return 465;
        case ServiceKind::Pop3:
            return 110;
        case ServiceKind::Pop3s:
            return 995;
        case ServiceKind::Imap:
            return 143;
        case ServiceKind::Imaps:
            return 993;
    }
    return 0;
}

std::string_view protocol_name(ServiceKind kind) {
    switch (kind) {
        case ServiceKind::Smtp:
            return "smtp";
        case ServiceKind::Submission:
            return "submission";
        case ServiceKind::Submissions:
            return "submissions";
        case ServiceKind::Pop3:
            return "pop3";
        case ServiceKind::Pop3s:
            return "pop3s";
        case ServiceKind::Imap:
            return "imap";
        case ServiceKind::Imaps:
            return "imaps";
    }
    return "";
}

namespace {

// The lab's certificate: fixed validity start, and an Ed25519 key, whose
// signatures draw no randomness, so the same seed makes the same bytes, in
// the desktop build and in the browser's (see tls::KeyType).
tls::TlsContext make_server_tls(const std::string& name) {
    tls::SelfSignedOptions options;
    options.key_type = tls::KeyType::Ed25519;
    options.not_before = std::chrono::system_clock::time_point{
        std::chrono::seconds{protocols::mta::kDefaultWorldEpochUnixSeconds}};
    return tls::TlsContext::server(tls::generate_self_signed(name, {name}, options));
}

}  // namespace

MailServer::MailServer(World& world, HostId host, ServerSpec spec)
    : world_(world), host_(host), spec_(std::move(spec)) {
    for (auto& domain : spec_.domains)
        domain = protocols::mta::lower_ascii(domain);
    for (const auto& account : spec_.accounts) {
        accounts_.add_account(account.user, account.password, account.quota);
    }
    if (spec_.data_dir) {
        auto maildirs = std::make_unique<store::MaildirStore>(accounts_, *spec_.data_dir / "mail");
        if (auto* group = world_.group_commit()) maildirs->defer_syncs_to(*group);
        store_ = std::move(maildirs);
    } else {
        store_ = std::make_unique<store::MemoryStore>(accounts_);
    }
    trace_hook_ = store_->notifier().add_trace_hook(
        [this](const store::Change& change) { trace_store_change(change); });
    maildrop_ = std::make_unique<StoreMaildrop>(*store_, accounts_);
    for (const auto& account : spec_.accounts) {
        maildrop_->remember_secret(account.user, account.password);
    }
    protocols::mta::QueueConfig queue_config{spec_.schedule, spec_.name};
    if (spec_.data_dir) {
        auto opened = protocols::mta::Queue::open(*spec_.data_dir / "queue", queue_config);
        mta_ = std::make_unique<MtaDriver>(world_, *this, std::move(opened.queue));
        if (auto* group = world_.group_commit()) mta_->queue().defer_syncs_to(*group);
    } else {
        mta_ = std::make_unique<MtaDriver>(world_, *this, protocols::mta::Queue{queue_config});
    }
    smtp_backend_ = std::make_unique<SmtpBackendAdapter>(world_, *this, *mta_);
    tls_ = spec_.tls_credentials ? tls::TlsContext::server(*spec_.tls_credentials)
                                 : make_server_tls(spec_.name);
    open_services();
}

MailServer::~MailServer() = default;

protocols::mta::Queue& MailServer::queue() {
    return mta_->queue();
}

bool MailServer::is_local_domain(std::string_view domain) const {
    const std::string d = protocols::mta::lower_ascii(domain);
    return std::find(spec_.domains.begin(), spec_.domains.end(), d) != spec_.domains.end();
}

std::optional<std::string> MailServer::local_account(std::string_view address) const {
    const auto at = address.rfind('@');
    if (at == std::string_view::npos || !is_local_domain(address.substr(at + 1))) {
        return std::nullopt;
    }
    const std::string user = protocols::mta::lower_ascii(address.substr(0, at));
    if (!accounts_.exists(user)) return std::nullopt;
    return user;
}

void MailServer::seed_message(std::string_view account, std::string_view mailbox,
                              std::string_view bytes, const store::Flags& flags) {
    store_->append(account, mailbox, bytes, flags,
                   protocols::mta::kDefaultWorldEpochUnixSeconds + world_.sim().now() / 1'000'000);
}

void MailServer::kick_queue() {
    mta_->kick();
}

void MailServer::set_up(bool up) {
    if (up) {
        world_.net().set_host_up(host_, true);
        mta_->kick();
    } else {
        world_.tcp().crash_host(host_);
        mta_->stopped();
    }
}

void MailServer::crash(bool keep_state) {
    set_up(false);
    if (keep_state) return;
    for (const auto id : queue().lose_all()) {
        world_.sim().record({.kind = EventKind::QueueLost,
                             .host = host_,
                             .value = static_cast<std::int64_t>(id),
                             .note = "lost in the crash: the queue was only in memory"});
    }
    for (const auto& account : spec_.accounts) {
        const auto boxes = store_->list_mailboxes(account.user);
        if (!boxes) continue;
        for (const auto& box : boxes.value()) {
            const auto messages = store_->messages(account.user, box.name);
            if (!messages || messages.value().empty()) continue;
            std::vector<store::Uid> uids;
            for (const auto& m : messages.value())
                uids.push_back(m.uid);
            store_->expunge(account.user, box.name, uids);
        }
    }
}

void MailServer::trace_store_change(const store::Change& change) {
    if (imap_) imap_->store_changed();
    EventRecord r;
    r.host = host_;
    const std::string where = change.account + "/" + change.mailbox;
    r.payload = where;
    r.value = change.uid;
    std::string note;
    switch (change.kind) {
        case store::ChangeKind::MailboxCreated:
            r.kind = EventKind::MailboxCreated;
            break;
        case store::ChangeKind::MailboxDeleted:
            r.kind = EventKind::MailboxDeleted;
            break;
        case store::ChangeKind::MailboxRenamed:
            r.kind = EventKind::SessionNote;
            note = "renamed to " + change.new_name;
            break;
        case store::ChangeKind::Appended: {
            r.kind = EventKind::MessageAppended;
            const auto bytes = store_->read_message(change.account, change.mailbox, change.uid);
            note = bytes ? subject_of(bytes.value()) : std::string{};
            r.note = note;
            world_.sim().record(r);  // the message first, then any flags it came with
            r.kind = EventKind::FlagsChanged;
            // The change carries the flags the message was stored with; listing the
            // mailbox again for them cost a directory scan per delivered message.
            const std::string flags = store::to_string(change.flags);
            if (!flags.empty()) {
                r.note = flags;
                world_.sim().record(r);
            }
            return;
        }
        case store::ChangeKind::FlagsChanged:
            r.kind = EventKind::FlagsChanged;
            note = store::to_string(change.flags);
            break;
        case store::ChangeKind::Expunged:
            r.kind = EventKind::MessageExpunged;
            break;
    }
    r.note = note;
    world_.sim().record(r);
}

void MailServer::open_services() {
    namespace smtp = protocols::smtp;
    namespace pop3 = protocols::pop3;
    for (const ServiceKind kind : spec_.services) {
        Service::Factory factory;
        switch (kind) {
            case ServiceKind::Smtp:
            case ServiceKind::Submission:
            case ServiceKind::Submissions: {
                const smtp::ServerRole role = kind == ServiceKind::Smtp ? smtp::ServerRole::Mx
                                              : kind == ServiceKind::Submission
                                                  ? smtp::ServerRole::Submission
                                                  : smtp::ServerRole::Submissions;
                factory = [this, role](const Connection& accepted) {
                    smtp::ServerConfig config;
                    config.role = role;
                    config.hostname = spec_.name;
                    config.peer_address = format_ipv4(world_.net().host(accepted.peer()).address);
                    config.peer_name = world_.net().host(accepted.peer()).name;
                    config.tls_available = role != smtp::ServerRole::Submissions;
                    config.plaintext_auth_allowed = spec_.plaintext_auth_allowed;
                    auto session = std::make_unique<smtp::ServerSession>(config, *smtp_backend_);
                    return std::make_unique<tls::SecureSession>(
                        std::move(session), *tls_,
                        role == smtp::ServerRole::Submissions ? tls::TlsMode::Implicit
                                                              : tls::TlsMode::StartTls);
                };
                break;
            }
            case ServiceKind::Pop3:
            case ServiceKind::Pop3s: {
                const bool implicit = kind == ServiceKind::Pop3s;
                factory = [this, implicit](const Connection&) {
                    pop3::ServerConfig config;
                    config.hostname = spec_.name;
                    config.apop_clock = static_cast<std::uint64_t>(world_.sim().now());
                    config.tls_available = !implicit;
                    config.tls_active = implicit;
                    config.allow_plaintext_auth = spec_.plaintext_auth_allowed;
                    auto session = std::make_unique<pop3::ServerSession>(*maildrop_, config);
                    return std::make_unique<tls::SecureSession>(
                        std::move(session), *tls_,
                        implicit ? tls::TlsMode::Implicit : tls::TlsMode::StartTls);
                };
                break;
            }
            case ServiceKind::Imap:
            case ServiceKind::Imaps:
                if (!imap_) {
                    imap_ = std::make_unique<ImapService>(
                        world_, spec_.name, spec_.plaintext_auth_allowed, accounts_, *store_, *tls_,
                        spec_.data_dir.has_value());
                    if (spec_.imap_traced_fetch_lines)
                        imap_->bound_traced_fetch_lines(*spec_.imap_traced_fetch_lines);
                }
                factory = imap_->factory(kind == ServiceKind::Imaps);
                break;
        }
        services_.push_back(std::make_unique<Service>(world_.tcp(), host_, standard_port(kind),
                                                      std::string{protocol_name(kind)},
                                                      std::move(factory)));
        if (kind == ServiceKind::Imap || kind == ServiceKind::Imaps)
            imap_->watch(*services_.back());
    }
}

}  // namespace maillab::sim
