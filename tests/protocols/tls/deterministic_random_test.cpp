#include "protocols/tls/deterministic_random.hpp"

#include <catch2/catch.hpp>
#include <chrono>

#include "tests/protocols/tls/tls_test_support.hpp"

using namespace maillab::protocols::tls;
using maillab::test::pump;

namespace {

// A whole TLS 1.3 session — certificate, handshake, one message each way —
// with everything random drawn under the given seed.
std::string session_bytes(std::uint64_t seed) {
    DeterministicRandom random{seed};
    SelfSignedOptions options;
    options.not_before = std::chrono::system_clock::time_point{std::chrono::hours{24 * 365 * 56}};
    const auto credentials =
        generate_self_signed("mail.maillab.test", {"mail.maillab.test"}, options);
    TlsEngine server{TlsContext::server(credentials)};
    TlsEngine client{TlsContext::client()};
    client.write_plaintext("EHLO laptop\r\n");
    server.write_plaintext("250 hello\r\n");
    const auto wire = pump(client, server);
    REQUIRE(client.handshake_complete());
    REQUIRE(server.take_plaintext() == "EHLO laptop\r\n");
    return credentials.certificate_pem + wire.client_to_server + wire.server_to_client;
}

}  // namespace

TEST_CASE("the same seed gives byte-identical TLS, a different seed does not") {
    const std::string first = session_bytes(7);
    REQUIRE(session_bytes(7) == first);
    REQUIRE(session_bytes(8) != first);
    REQUIRE_FALSE(DeterministicRandom::active());
}

TEST_CASE("only one deterministic generator may be active") {
    DeterministicRandom random{1};
    REQUIRE(DeterministicRandom::active());
    REQUIRE_THROWS_AS(DeterministicRandom{2}, std::logic_error);
}
