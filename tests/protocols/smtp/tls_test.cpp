// Our SMTP client and server under the real TLS layer (SecureSession), with
// no network: STARTTLS on submission and implicit TLS on submissions.
#include <catch2/catch.hpp>
#include <memory>

#include "protocols/core/engine_pair.hpp"
#include "protocols/smtp/client_session.hpp"
#include "protocols/smtp/server_session.hpp"
#include "protocols/tls/certificate.hpp"
#include "protocols/tls/secure_session.hpp"
#include "protocols/tls/tls_context.hpp"
#include "tests/protocols/smtp/memory_backend.hpp"

using namespace maillab::protocols::smtp;
using namespace maillab::protocols::smtp::test;
using maillab::protocols::core::EnginePair;
namespace tls = maillab::protocols::tls;

namespace {

struct SecureConversation {
    SecureConversation(const ServerConfig& config, ClientJob job, tls::TlsMode mode)
        : server{std::make_unique<ServerSession>(config, backend),
                 tls::TlsContext::server(tls::generate_self_signed("smtp.example.test", {})), mode},
          client{std::make_unique<ClientSession>(std::move(job)), tls::TlsContext::client(), mode},
          pair{client, server} {
        pair.start();
        pair.pump();
    }
    const ClientResult& result() { return dynamic_cast<ClientSession&>(client.inner()).result(); }

    MemoryBackend backend;
    tls::SecureSession server;
    tls::SecureSession client;
    EnginePair pair;
};

ClientJob submission_job() {
    ClientJob j = client_job("alice@example.test", {"far@away.test"}, "Subject: tls\r\n\r\nhi\r\n",
                             "laptop.test");
    j.auth = ClientCredentials{"alice", "secret", AuthMechanism::Plain};
    return j;
}

}  // namespace

TEST_CASE("SMTP over STARTTLS: AUTH and the message travel encrypted") {
    ClientJob j = submission_job();
    j.tls = TlsPolicy::Required;
    SecureConversation c{submission_config(true, false), j, tls::TlsMode::StartTls};
    REQUIRE(c.result().tls);
    REQUIRE(c.result().authenticated);
    REQUIRE(c.result().message_status == DeliveryStatus::Delivered);
    REQUIRE(c.backend.accepted.size() == 1);
    REQUIRE(c.backend.accepted[0].envelope.secure);
    REQUIRE(c.backend.accepted[0].message.find("with ESMTPSA") != std::string::npos);
    // Plaintext on the wire stops at STARTTLS; no credentials and no message text are visible.
    const std::string& wire = c.pair.client_to_server();
    REQUIRE(wire.starts_with("EHLO laptop.test\r\nSTARTTLS\r\n"));
    REQUIRE(wire.find("AUTH") == std::string::npos);
    REQUIRE(wire.find("Subject: tls") == std::string::npos);
}

TEST_CASE("SMTP over implicit TLS (submissions, port 465)") {
    auto config = submission_config(false, false);
    config.role = ServerRole::Submissions;
    SecureConversation c{config, submission_job(), tls::TlsMode::Implicit};
    REQUIRE(c.result().authenticated);
    REQUIRE(c.result().message_status == DeliveryStatus::Delivered);
    REQUIRE(c.pair.server_to_client().find("ESMTP maillab") == std::string::npos);
    REQUIRE(c.backend.accepted.at(0).envelope.secure);
}
