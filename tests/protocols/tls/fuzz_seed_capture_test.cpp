// Writes the seed corpus of the tls_server fuzz target from real engines.
// Hidden from ctest; run it by hand when the engine's hellos change:
//   MAILLAB_SOURCE_DIR=$PWD build/tests/protocols/tls/tls_tests '[capture]'
#include <openssl/ssl.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/protocols/tls/tls_test_support.hpp"

using namespace maillab::protocols::tls;

namespace {

void write_seed(const std::filesystem::path& dir, const std::string& name,
                const std::string& bytes) {
    std::ofstream out{dir / name, std::ios::binary};
    out << bytes;
    REQUIRE(out.good());
}

std::string hello_from(const TlsContext& context) {
    TlsEngine client{context};
    return client.take_ciphertext();
}

// The whole client side of a session: ClientHello, Finished, one data record.
std::string client_stream(TlsVersion version) {
    TlsEngine server{TlsContext::server(maillab::test::lab_credentials(), {version, version})};
    TlsEngine client{TlsContext::client()};
    client.write_plaintext("EHLO client.maillab.test\r\n");
    return maillab::test::pump(client, server).client_to_server;
}

}  // namespace

TEST_CASE("write the tls_server fuzz seeds", "[.][capture]") {
    const char* source = std::getenv("MAILLAB_SOURCE_DIR");
    REQUIRE(source != nullptr);
    const std::filesystem::path dir =
        std::filesystem::path{source} / "tests/fuzz/corpus/tls_server";
    std::filesystem::create_directories(dir);

    const std::string tls13 = hello_from(TlsContext::client());
    write_seed(dir, "clienthello_tls13", tls13);
    write_seed(dir, "clienthello_tls12_only",
               hello_from(TlsContext::client({}, {TlsVersion::Tls12, TlsVersion::Tls12})));
    write_seed(dir, "clienthello_sni", hello_from(TlsContext::client({"", "mail.maillab.test"})));
    SSL_CTX* legacy = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_security_level(legacy, 0);
    SSL_CTX_set_min_proto_version(legacy, TLS1_VERSION);
    SSL_CTX_set_max_proto_version(legacy, TLS1_1_VERSION);
    write_seed(dir, "clienthello_tls11_legacy",
               hello_from(TlsContext::adopt(legacy, TlsRole::Client)));
    write_seed(dir, "client_session_tls13", client_stream(TlsVersion::Tls13));
    write_seed(dir, "client_session_tls12", client_stream(TlsVersion::Tls12));
    write_seed(dir, "clienthello_truncated", tls13.substr(0, tls13.size() / 2));
    write_seed(dir, "http_request", "GET / HTTP/1.1\r\nHost: mail.maillab.test\r\n\r\n");
    write_seed(dir, "smtp_ehlo_on_tls_port", "EHLO client.maillab.test\r\n");
    write_seed(dir, "oversized_record_header", std::string{"\x16\x03\x01\xFF\xFF", 5});
    write_seed(
        dir, "sslv2_style_hello",
        std::string{"\x80\x2e\x01\x03\x01\x00\x15\x00\x00\x00\x10", 11} + std::string(37, '\x07'));
    std::string alert_then_junk{"\x15\x03\x03\x00\x02\x02\x28", 7};
    alert_then_junk += std::string(20, '\xff');
    write_seed(dir, "alert_then_junk", alert_then_junk);
}
