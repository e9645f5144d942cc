#include "sim/world/client_tls.hpp"

#include "protocols/tls/secure_session.hpp"

namespace maillab::sim {

namespace tls = protocols::tls;

std::unique_ptr<protocols::core::Session> client_with_tls(
    std::unique_ptr<protocols::core::Session> inner, TlsChoice choice) {
    if (choice == TlsChoice::None) return inner;
    return std::make_unique<tls::SecureSession>(
        std::move(inner), tls::TlsContext::client(),
        choice == TlsChoice::Implicit ? tls::TlsMode::Implicit : tls::TlsMode::StartTls);
}

protocols::core::TlsPolicy starttls_policy(TlsChoice choice) {
    return choice == TlsChoice::StartTls ? protocols::core::TlsPolicy::Required
                                         : protocols::core::TlsPolicy::Never;
}

}  // namespace maillab::sim
