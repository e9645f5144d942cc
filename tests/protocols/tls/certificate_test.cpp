#include "protocols/tls/certificate.hpp"
#include "protocols/tls/deterministic_random.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "protocols/tls/tls_context.hpp"
#include "tests/support/temp_dir.hpp"

using namespace maillab::protocols::tls;
using namespace std::chrono_literals;

namespace {

std::filesystem::perms permissions_of(const std::filesystem::path& file) {
    return std::filesystem::status(file).permissions() & std::filesystem::perms::all;
}

}  // namespace

TEST_CASE("a self-signed certificate parses back with its names and a matching key") {
    const auto pair =
        generate_self_signed("mail.maillab.test", {"mail.maillab.test", "localhost", "127.0.0.1"});
    REQUIRE(pair.certificate_pem.starts_with("-----BEGIN CERTIFICATE-----"));
    REQUIRE(pair.private_key_pem.starts_with("-----BEGIN PRIVATE KEY-----"));

    const CertificateInfo info = inspect_certificate(pair.certificate_pem);
    CHECK(info.subject_common_name == "mail.maillab.test");
    CHECK(info.issuer_common_name == "mail.maillab.test");
    CHECK(info.dns_names == std::vector<std::string>{"mail.maillab.test", "localhost"});
    CHECK(info.ip_addresses == std::vector<std::string>{"127.0.0.1"});
    CHECK(info.key_algorithm == "EC");
    CHECK(info.key_bits == 256);
    CHECK(key_matches_certificate(pair.certificate_pem, pair.private_key_pem));

    const auto lifetime = info.not_after - info.not_before;
    CHECK(lifetime >= std::chrono::hours{24 * 3650});
    CHECK(lifetime <= std::chrono::hours{24 * 3653});
    const auto now = std::chrono::system_clock::now();
    CHECK(info.not_before <= now);
    CHECK(info.not_before > now - 1h);
}

TEST_CASE("serials are random and positive") {
    const auto a = inspect_certificate(generate_self_signed("a.test", {}).certificate_pem);
    const auto b = inspect_certificate(generate_self_signed("a.test", {}).certificate_pem);
    CHECK(a.serial_hex != b.serial_hex);
    CHECK(a.serial_hex.size() >= 16);
    CHECK(a.serial_hex.front() != '-');
    CHECK(a.dns_names == std::vector<std::string>{"a.test"});  // the CN is the default SAN
}

TEST_CASE("an RSA 2048 certificate can be generated") {
    SelfSignedOptions options;
    options.key_type = KeyType::Rsa2048;
    const auto pair = generate_self_signed("rsa.test", {"rsa.test"}, options);
    const auto info = inspect_certificate(pair.certificate_pem);
    CHECK(info.key_algorithm == "RSA");
    CHECK(info.key_bits == 2048);
    CHECK(key_matches_certificate(pair.certificate_pem, pair.private_key_pem));
}

TEST_CASE("an Ed25519 certificate can be generated, and is the same for the same seed") {
    SelfSignedOptions options;
    options.key_type = KeyType::Ed25519;
    options.not_before =
        std::chrono::system_clock::time_point{} + std::chrono::seconds{1'700'000'000};
    auto make = [&] {
        const maillab::protocols::tls::DeterministicRandom random{42};
        return generate_self_signed("ed.test", {"ed.test"}, options);
    };
    const auto pair = make();
    const auto info = inspect_certificate(pair.certificate_pem);
    CHECK(info.key_algorithm == "Ed25519");
    CHECK(key_matches_certificate(pair.certificate_pem, pair.private_key_pem));
    const auto again = make();
    CHECK(again.certificate_pem == pair.certificate_pem);
    CHECK(again.private_key_pem == pair.private_key_pem);
}

TEST_CASE("a fixed start of validity is honoured") {
    SelfSignedOptions options;
    options.not_before =
        std::chrono::system_clock::time_point{} + std::chrono::seconds{1'700'000'000};
    options.validity = std::chrono::hours{24};
    const auto info =
        inspect_certificate(generate_self_signed("t.test", {}, options).certificate_pem);
    CHECK(info.not_before == *options.not_before);
    CHECK(info.not_after == *options.not_before + std::chrono::hours{24});
}

TEST_CASE("a key from another certificate does not match") {
    const auto a = generate_self_signed("a.test", {});
    const auto b = generate_self_signed("b.test", {});
    CHECK_FALSE(key_matches_certificate(a.certificate_pem, b.private_key_pem));
    CHECK_THROWS_AS(TlsContext::server({a.certificate_pem, b.private_key_pem}), TlsConfigError);
}

TEST_CASE("certificate inputs are limited and checked") {
    CHECK_THROWS_AS(generate_self_signed(std::string(kMaxCommonNameOctets + 1, 'a'), {}),
                    TlsConfigError);
    CHECK_NOTHROW(generate_self_signed(std::string(kMaxCommonNameOctets, 'a'), {"a.test"}));
    CHECK_THROWS_AS(generate_self_signed("", {}), TlsConfigError);
    CHECK_THROWS_AS(
        generate_self_signed("a.test", std::vector<std::string>(kMaxSubjectAltNames + 1, "a.test")),
        TlsConfigError);
    CHECK_NOTHROW(
        generate_self_signed("a.test", std::vector<std::string>(kMaxSubjectAltNames, "a.test")));
    CHECK_NOTHROW(generate_self_signed("a.test", {std::string(kMaxDnsNameOctets, 'a')}));
    CHECK_THROWS_AS(generate_self_signed("a.test", {std::string(kMaxDnsNameOctets + 1, 'a')}),
                    TlsConfigError);
    // A config-string injection attempt is just an invalid name.
    CHECK_THROWS_AS(generate_self_signed("a.test", {"a.test,DNS:evil.test"}), TlsConfigError);
    SelfSignedOptions zero;
    zero.validity = std::chrono::seconds{0};
    CHECK_THROWS_AS(generate_self_signed("a.test", {}, zero), TlsConfigError);
}

TEST_CASE("garbage PEM is a configuration error") {
    CHECK_THROWS_AS(inspect_certificate("not a certificate"), TlsConfigError);
    CHECK_THROWS_AS(TlsContext::server({"junk", "junk"}), TlsConfigError);
    CHECK_THROWS_AS(TlsContext::client({"junk", "x.test"}), TlsConfigError);
}

TEST_CASE("save writes the key with mode 0600 and load reads the pair back") {
    maillab::test::TempDir dir{"maillab-tls"};
    const auto pair = generate_self_signed("mail.maillab.test", {"127.0.0.1"});
    const auto cert_file = dir.path() / "cert.pem";
    const auto key_file = dir.path() / "key.pem";
    save_certificate_and_key(pair, cert_file, key_file);
    CHECK(permissions_of(key_file) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    CHECK((permissions_of(cert_file) & std::filesystem::perms::others_read) !=
          std::filesystem::perms::none);

    const auto loaded = load_certificate_and_key(cert_file, key_file);
    CHECK(loaded.certificate_pem == pair.certificate_pem);
    CHECK(loaded.private_key_pem == pair.private_key_pem);
    CHECK_NOTHROW(TlsContext::server_from_files(cert_file, key_file));

    // An existing key file with loose permissions is tightened on save.
    std::filesystem::permissions(key_file, std::filesystem::perms::all);
    save_certificate_and_key(pair, cert_file, key_file);
    CHECK(permissions_of(key_file) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
}

TEST_CASE("loading a mismatched or missing pair fails with the file names") {
    maillab::test::TempDir dir{"maillab-tls"};
    const auto a = generate_self_signed("a.test", {});
    const auto b = generate_self_signed("b.test", {});
    save_certificate_and_key({a.certificate_pem, b.private_key_pem}, dir.path() / "c.pem",
                             dir.path() / "k.pem");
    try {
        load_certificate_and_key(dir.path() / "c.pem", dir.path() / "k.pem");
        FAIL("mismatched pair accepted");
    } catch (const TlsConfigError& e) {
        CHECK(std::string{e.what()}.find("k.pem") != std::string::npos);
    }
    CHECK_THROWS_AS(load_certificate_and_key(dir.path() / "none.pem", dir.path() / "k.pem"),
                    TlsConfigError);
}

TEST_CASE("load_or_create_self_signed creates once and then reuses") {
    maillab::test::TempDir dir{"maillab-tls"};
    const auto first = load_or_create_self_signed(dir.path(), "mail.maillab.test",
                                                  {"mail.maillab.test", "127.0.0.1"});
    CHECK(std::filesystem::exists(dir.path() / "tls" / "cert.pem"));
    CHECK(permissions_of(dir.path() / "tls" / "key.pem") ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    const auto second = load_or_create_self_signed(dir.path(), "other.test", {});
    CHECK(second.certificate_pem == first.certificate_pem);
    CHECK(second.private_key_pem == first.private_key_pem);
}

TEST_CASE("load_or_create_self_signed makes a new certificate when a name is missing") {
    maillab::test::TempDir dir{"maillab-tls"};
    const auto first = load_or_create_self_signed(dir.path(), "mail.maillab.test",
                                                  {"mail.maillab.test", "127.0.0.1"});
    const auto moved = load_or_create_self_signed(dir.path(), "mail.maillab.test",
                                                  {"mail.maillab.test", "192.168.1.20"});
    CHECK(moved.certificate_pem != first.certificate_pem);
    const CertificateInfo info = inspect_certificate(moved.certificate_pem);
    CHECK(info.dns_names == std::vector<std::string>{"mail.maillab.test"});
    CHECK(info.ip_addresses == std::vector<std::string>{"127.0.0.1", "192.168.1.20"});
    const auto again =
        load_or_create_self_signed(dir.path(), "mail.maillab.test", {"192.168.1.20", "127.0.0.1"});
    CHECK(again.certificate_pem == moved.certificate_pem);
}

TEST_CASE("the SHA-256 fingerprint is the hash of the certificate's DER bytes") {
    const auto pair = generate_self_signed("mail.maillab.test", {});
    // The DER bytes, decoded from the PEM's base64 body independently of X509_digest.
    std::string body;
    std::istringstream lines{pair.certificate_pem};
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("-----", 0) != 0) body += line;
    }
    std::vector<unsigned char> der(body.size());
    const int decoded =
        EVP_DecodeBlock(der.data(), reinterpret_cast<const unsigned char*>(body.data()),
                        static_cast<int>(body.size()));
    REQUIRE(decoded > 0);
    const std::size_t padding = static_cast<std::size_t>(std::count(body.begin(), body.end(), '='));
    unsigned char digest[32];
    REQUIRE(SHA256(der.data(), static_cast<std::size_t>(decoded) - padding, digest) != nullptr);
    std::string expected;
    char pair_text[4];
    for (unsigned char byte : digest) {
        std::snprintf(pair_text, sizeof pair_text, "%02X:", byte);
        expected += pair_text;
    }
    expected.pop_back();
    CHECK(sha256_fingerprint(pair.certificate_pem) == expected);
    CHECK(sha256_fingerprint(pair.certificate_pem).size() == 32 * 3 - 1);
    CHECK_THROWS_AS(sha256_fingerprint("not a certificate"), TlsConfigError);
}
