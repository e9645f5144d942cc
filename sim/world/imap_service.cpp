#include "sim/world/imap_service.hpp"

#include "protocols/mta/date_format.hpp"
#include "protocols/tls/secure_session.hpp"
#include "sim/world/world.hpp"

namespace maillab::sim {

namespace tls = protocols::tls;

ImapService::ImapService(World& world, std::string host_name, bool plaintext_auth,
                         const protocols::store::AccountDirectory& accounts,
                         protocols::store::MailStore& store, const tls::TlsContext& tls,
                         bool store_on_disk)
    : world_(world), credentials_(accounts), store_(store), tls_(tls) {
    config_.host = std::move(host_name);
    config_.plaintext_auth = plaintext_auth;
    if (store_on_disk) config_.external_change_poll = kExternalChangePoll;
    Simulator& sim = world_.sim();
    config_.now = [&sim] {
        return protocols::mta::kDefaultWorldEpochUnixSeconds + sim.now() / 1'000'000;
    };
}

Service::Factory ImapService::factory(bool implicit) {
    return [this, implicit](const Connection&) {
        protocols::imap::ServerConfig config = config_;
        config.starttls_available = !implicit;
        config.tls_active = implicit;
        auto session =
            std::make_unique<protocols::imap::ServerSession>(config, credentials_, &store_);
        return std::make_unique<tls::SecureSession>(
            std::move(session), tls_, implicit ? tls::TlsMode::Implicit : tls::TlsMode::StartTls);
    };
}

void ImapService::store_changed() {
    if (wake_scheduled_) return;
    wake_scheduled_ = true;
    world_.sim().schedule(0, [this] {
        wake_scheduled_ = false;
        for (Service* service : services_)
            service->flush_sessions();
    });
}

}  // namespace maillab::sim
