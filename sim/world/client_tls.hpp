// A device's client engine wrapped for the TLS choice of its job: as is,
// STARTTLS when the engine asks, or TLS from the first byte (465/995/993).
#pragma once

#include <memory>

#include "protocols/core/session.hpp"
#include "protocols/core/tls_policy.hpp"
#include "sim/world/device.hpp"

namespace maillab::sim {

std::unique_ptr<protocols::core::Session> client_with_tls(
    std::unique_ptr<protocols::core::Session> inner, TlsChoice choice);

// What the engine itself does about STARTTLS for that choice: a job that chose
// STARTTLS requires it; with none or implicit TLS the engine never asks.
protocols::core::TlsPolicy starttls_policy(TlsChoice choice);

}  // namespace maillab::sim
