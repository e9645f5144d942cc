// Certificates for the lab: a self-signed server certificate made with
// OpenSSL 3's EVP key generation, a look inside any PEM certificate (what a
// student sees when a client shows "certificate details"), and load/save
// helpers that keep the private key file private (mode 0600).
//
// Caller mistakes (unreadable file, PEM that does not parse) throw
// TlsConfigError; no peer input ever reaches this file.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace maillab::protocols::tls {

// A local configuration error: a bad PEM string or file, an unusable key.
class TlsConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct CertificateAndKey {
    std::string certificate_pem;  // "-----BEGIN CERTIFICATE-----", possibly a chain
    std::string private_key_pem;  // PKCS#8 "-----BEGIN PRIVATE KEY-----"
};

enum class KeyType {
    EcP256,   // ECDSA on NIST P-256: small and fast, accepted by every current client
    Rsa2048,  // for very old clients that know only RSA certificates
    // Ed25519 (RFC 8410): signatures draw no randomness, so a simulated
    // world's TLS bytes are the same wherever OpenSSL runs (ECDSA's nonce and
    // blinding draw a number of random bytes that depends on how OpenSSL was
    // built: with or without its assembly). Not for real clients: few accept it.
    Ed25519,
};

struct SelfSignedOptions {
    KeyType key_type = KeyType::EcP256;
    // About ten years: long enough that a lab set up once keeps working.
    std::chrono::seconds validity = std::chrono::hours{24 * 3652};
    // Start of validity; none = the current time (read by OpenSSL).
    std::optional<std::chrono::system_clock::time_point> not_before;
};

// Upper bounds on the inputs, so a typo cannot produce a useless certificate.
inline constexpr std::size_t kMaxCommonNameOctets = 64;  // RFC 5280 ub-common-name
inline constexpr std::size_t kMaxSubjectAltNames = 32;
inline constexpr std::size_t kMaxDnsNameOctets = 253;  // RFC 1035 §2.3.4, as text

// A self-signed server certificate (X.509 v3, random 127-bit serial, SHA-256
// signature) for `common_name`. Each entry of `subject_alt_names` that parses
// as an IPv4/IPv6 address becomes an IP SAN ("127.0.0.1"), every other entry a
// DNS SAN ("mail.maillab.test"); with no entries the common name is the only SAN.
CertificateAndKey generate_self_signed(const std::string& common_name,
                                       const std::vector<std::string>& subject_alt_names,
                                       const SelfSignedOptions& options = {});

struct CertificateInfo {
    std::string subject_common_name;
    std::string issuer_common_name;
    std::vector<std::string> dns_names;
    std::vector<std::string> ip_addresses;
    std::string serial_hex;
    std::string key_algorithm;  // "EC", "RSA" or "Ed25519"
    int key_bits = 0;
    std::chrono::system_clock::time_point not_before;
    std::chrono::system_clock::time_point not_after;
};

// Reads the first certificate of a PEM string.
CertificateInfo inspect_certificate(const std::string& certificate_pem);
// The SHA-256 fingerprint of the (first) certificate's DER bytes, as mail
// apps and `openssl x509 -fingerprint -sha256` show it: "AB:01:…" (32 pairs).
std::string sha256_fingerprint(const std::string& certificate_pem);
// True when the private key belongs to the (first) certificate.
bool key_matches_certificate(const std::string& certificate_pem,
                             const std::string& private_key_pem);

CertificateAndKey load_certificate_and_key(const std::filesystem::path& certificate_file,
                                           const std::filesystem::path& key_file);
// Writes both files (replacing them); the key file gets mode 0600 from the
// moment it is created, the certificate 0644.
void save_certificate_and_key(const CertificateAndKey& pair,
                              const std::filesystem::path& certificate_file,
                              const std::filesystem::path& key_file);
// `maillab serve`'s first use: loads DIR/tls/cert.pem and DIR/tls/key.pem,
// or generates and saves a self-signed pair there when they do not exist yet.
// A kept certificate that lacks one of `subject_alt_names` (serve listens on
// a new address) is replaced by one naming its old names and the new ones.
CertificateAndKey load_or_create_self_signed(const std::filesystem::path& data_dir,
                                             const std::string& common_name,
                                             const std::vector<std::string>& subject_alt_names);

}  // namespace maillab::protocols::tls
