#include "protocols/tls/certificate.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>

#include "protocols/tls/openssl_handles.hpp"

namespace maillab::protocols::tls {

namespace {

constexpr std::size_t kSerialOctets = 16;
constexpr long kSecondsPerDay = 24 * 60 * 60;

[[noreturn]] void fail(const std::string& what) {
    throw TlsConfigError{what + ": " + take_openssl_errors("no OpenSSL detail")};
}

bool valid_dns_name(const std::string& name) {
    if (name.empty() || name.size() > kMaxDnsNameOctets) return false;
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '*';
        if (!ok) return false;
    }
    return true;
}

EvpPkeyPtr generate_key(KeyType type) {
    EvpPkeyPtr key;
    switch (type) {
        case KeyType::EcP256:
            key.reset(EVP_EC_gen("P-256"));
            break;
        case KeyType::Rsa2048:
            key.reset(EVP_RSA_gen(2048));
            break;
        case KeyType::Ed25519:
            key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
            break;
    }
    if (!key) fail("key generation failed");
    return key;
}

// A random positive serial (RFC 5280 §4.1.2.2: at most 20 octets, positive).
void set_random_serial(X509* cert) {
    std::array<unsigned char, kSerialOctets> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) fail("RAND_bytes failed");
    bytes[0] &= 0x7F;
    bytes[0] |= 0x01;  // never zero, never negative
    BignumPtr number{BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr)};
    if (!number) fail("BN_bin2bn failed");
    Asn1IntegerPtr serial{BN_to_ASN1_INTEGER(number.get(), nullptr)};
    if (!serial || X509_set_serialNumber(cert, serial.get()) != 1) fail("cannot set serial");
}

void set_validity(X509* cert, const SelfSignedOptions& options) {
    const long total = static_cast<long>(options.validity.count());
    const int days = static_cast<int>(total / kSecondsPerDay);
    const long seconds = total % kSecondsPerDay;
    std::time_t start{};
    std::time_t* start_ptr = nullptr;  // nullptr: OpenSSL reads the current time
    if (options.not_before) {
        start = std::chrono::system_clock::to_time_t(*options.not_before);
        start_ptr = &start;
    }
    if (!X509_time_adj_ex(X509_getm_notBefore(cert), 0, 0, start_ptr) ||
        !X509_time_adj_ex(X509_getm_notAfter(cert), days, seconds, start_ptr)) {
        fail("cannot set validity");
    }
}

void add_text_extension(X509* cert, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509ExtensionPtr ext{X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value)};
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) fail("cannot add extension");
}

void add_subject_alt_names(X509* cert, const std::vector<std::string>& names) {
    GeneralNamesPtr list{sk_GENERAL_NAME_new_null()};
    if (!list) fail("out of memory");
    for (const auto& name : names) {
        GeneralNamePtr entry{GENERAL_NAME_new()};
        if (!entry) fail("out of memory");
        if (Asn1OctetStringPtr ip{a2i_IPADDRESS(name.c_str())}) {
            GENERAL_NAME_set0_value(entry.get(), GEN_IPADD, ip.release());
        } else {
            ERR_clear_error();  // a2i_IPADDRESS failing just means "not an address"
            if (!valid_dns_name(name)) {
                throw TlsConfigError{"not a DNS name or IP address: \"" + name + "\""};
            }
            ASN1_IA5STRING* dns = ASN1_IA5STRING_new();
            if (!dns || ASN1_STRING_set(dns, name.data(), static_cast<int>(name.size())) != 1) {
                ASN1_IA5STRING_free(dns);
                fail("out of memory");
            }
            GENERAL_NAME_set0_value(entry.get(), GEN_DNS, dns);
        }
        if (sk_GENERAL_NAME_push(list.get(), entry.get()) <= 0) fail("out of memory");
        entry.release();  // now owned by the list
    }
    if (X509_add1_ext_i2d(cert, NID_subject_alt_name, list.get(), 0, X509V3_ADD_DEFAULT) != 1) {
        fail("cannot add subjectAltName");
    }
}

std::string to_pem(X509* cert) {
    BioPtr bio{BIO_new(BIO_s_mem())};
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) fail("cannot write certificate PEM");
    return memory_bio_contents(bio.get());
}

std::string to_pem(EVP_PKEY* key) {
    BioPtr bio{BIO_new(BIO_s_mem())};
    if (!bio ||
        PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        fail("cannot write private key PEM");
    }
    return memory_bio_contents(bio.get());
}

X509Ptr parse_certificate(const std::string& pem) {
    BioPtr bio = memory_bio_over(pem);
    X509Ptr cert{bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr};
    if (!cert) fail("not a PEM certificate");
    return cert;
}

EvpPkeyPtr parse_private_key(const std::string& pem) {
    BioPtr bio = memory_bio_over(pem);
    EvpPkeyPtr key{bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr};
    if (!key) fail("not a PEM private key");
    return key;
}

std::string common_name_of(X509_NAME* name) {
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0) return {};
    unsigned char* utf8 = nullptr;
    const int length =
        ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
    if (length < 0) return {};
    std::string out{reinterpret_cast<char*>(utf8), static_cast<std::size_t>(length)};
    OPENSSL_free(utf8);
    return out;
}

std::string ip_to_text(const ASN1_OCTET_STRING* ip) {
    const int length = ASN1_STRING_length(ip);
    const int family = length == 4 ? AF_INET : length == 16 ? AF_INET6 : 0;
    if (family == 0) return {};
    std::array<char, INET6_ADDRSTRLEN> text{};
    if (!inet_ntop(family, ASN1_STRING_get0_data(ip), text.data(), text.size())) return {};
    return text.data();
}

std::chrono::system_clock::time_point to_time_point(const ASN1_TIME* when) {
    int days = 0;
    int seconds = 0;
    const std::unique_ptr<ASN1_TIME, OpenSslDeleter<ASN1_TIME_free>> epoch{
        ASN1_TIME_set(nullptr, 0)};
    if (!epoch || ASN1_TIME_diff(&days, &seconds, epoch.get(), when) != 1) return {};
    return std::chrono::system_clock::time_point{} +
           std::chrono::seconds{static_cast<long>(days) * kSecondsPerDay + seconds};
}

bool names_contain(const CertificateInfo& info, const std::string& name) {
    const auto in = [&name](const std::vector<std::string>& list) {
        return std::find(list.begin(), list.end(), name) != list.end();
    };
    return in(info.dns_names) || in(info.ip_addresses);
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in{file, std::ios::binary};
    if (!in) throw TlsConfigError{"cannot read " + file.string()};
    return std::string{std::istreambuf_iterator<char>{in}, {}};
}

// Writes through a temporary file and rename, so a crash never leaves half a
// key; the file is created with `mode` so it is never readable by others.
void write_file(const std::filesystem::path& file, const std::string& content, mode_t mode) {
    const std::filesystem::path temp = file.string() + ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) throw TlsConfigError{"cannot create " + temp.string()};
    bool ok = ::fchmod(fd, mode) == 0;
    std::size_t done = 0;
    while (ok && done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n <= 0)
            ok = false;
        else
            done += static_cast<std::size_t>(n);
    }
    ok = ::fsync(fd) == 0 && ok;
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(temp.c_str(), file.c_str()) != 0) {
        ::unlink(temp.c_str());
        throw TlsConfigError{"cannot write " + file.string()};
    }
}

}  // namespace

CertificateAndKey generate_self_signed(const std::string& common_name,
                                       const std::vector<std::string>& subject_alt_names,
                                       const SelfSignedOptions& options) {
    if (common_name.empty() || common_name.size() > kMaxCommonNameOctets) {
        throw TlsConfigError{"common name must have 1 to 64 octets"};
    }
    if (subject_alt_names.size() > kMaxSubjectAltNames) {
        throw TlsConfigError{"too many subject alternative names"};
    }
    if (options.validity.count() <= 0) throw TlsConfigError{"validity must be positive"};

    EvpPkeyPtr key = generate_key(options.key_type);
    X509Ptr cert{X509_new()};
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) fail("X509_new failed");
    set_random_serial(cert.get());
    set_validity(cert.get(), options);

    X509_NAME* name = X509_get_subject_name(cert.get());
    const auto* cn = reinterpret_cast<const unsigned char*>(common_name.c_str());
    const auto* org = reinterpret_cast<const unsigned char*>("maillab");
    if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, org, -1, -1, 0) != 1 ||
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, cn, -1, -1, 0) != 1 ||
        X509_set_issuer_name(cert.get(), name) != 1 ||
        X509_set_pubkey(cert.get(), key.get()) != 1) {
        fail("cannot set names or public key");
    }

    add_text_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_text_extension(cert.get(), NID_key_usage,
                       options.key_type == KeyType::Rsa2048
                           ? "critical,digitalSignature,keyEncipherment"
                           : "critical,digitalSignature");
    add_text_extension(cert.get(), NID_ext_key_usage, "serverAuth");
    add_text_extension(cert.get(), NID_subject_key_identifier, "hash");
    add_subject_alt_names(cert.get(), subject_alt_names.empty()
                                          ? std::vector<std::string>{common_name}
                                          : subject_alt_names);

    // Ed25519 hashes as part of the signature: no separate digest.
    const EVP_MD* digest = options.key_type == KeyType::Ed25519 ? nullptr : EVP_sha256();
    if (X509_sign(cert.get(), key.get(), digest) <= 0) fail("signing failed");
    return CertificateAndKey{to_pem(cert.get()), to_pem(key.get())};
}

CertificateInfo inspect_certificate(const std::string& certificate_pem) {
    const X509Ptr cert = parse_certificate(certificate_pem);
    CertificateInfo info;
    info.subject_common_name = common_name_of(X509_get_subject_name(cert.get()));
    info.issuer_common_name = common_name_of(X509_get_issuer_name(cert.get()));

    GeneralNamesPtr names{static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr))};
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME* entry = sk_GENERAL_NAME_value(names.get(), i);
        int type = 0;
        const void* value = GENERAL_NAME_get0_value(entry, &type);
        const auto* text = static_cast<const ASN1_STRING*>(value);
        if (type == GEN_DNS) {
            info.dns_names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                                        static_cast<std::size_t>(ASN1_STRING_length(text)));
        } else if (type == GEN_IPADD) {
            info.ip_addresses.push_back(ip_to_text(text));
        }
    }

    BignumPtr serial{ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr)};
    if (char* hex = serial ? BN_bn2hex(serial.get()) : nullptr) {
        info.serial_hex = hex;
        OPENSSL_free(hex);
    }
    if (EVP_PKEY* key = X509_get0_pubkey(cert.get())) {
        const int id = EVP_PKEY_get_base_id(key);
        info.key_algorithm = id == EVP_PKEY_RSA       ? "RSA"
                             : id == EVP_PKEY_EC      ? "EC"
                             : id == EVP_PKEY_ED25519 ? "Ed25519"
                                                      : "other";
        info.key_bits = EVP_PKEY_get_bits(key);
    }
    info.not_before = to_time_point(X509_get0_notBefore(cert.get()));
    info.not_after = to_time_point(X509_get0_notAfter(cert.get()));
    return info;
}

std::string sha256_fingerprint(const std::string& certificate_pem) {
    const X509Ptr cert = parse_certificate(certificate_pem);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(cert.get(), EVP_sha256(), digest, &length) != 1)
        fail("cannot hash certificate");
    constexpr const char* kHex = "0123456789ABCDEF";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        if (i > 0) text += ':';
        text += kHex[digest[i] >> 4];
        text += kHex[digest[i] & 0x0f];
    }
    return text;
}

bool key_matches_certificate(const std::string& certificate_pem,
                             const std::string& private_key_pem) {
    const X509Ptr cert = parse_certificate(certificate_pem);
    const EvpPkeyPtr key = parse_private_key(private_key_pem);
    const bool match = X509_check_private_key(cert.get(), key.get()) == 1;
    ERR_clear_error();  // a mismatch leaves an error behind; the answer is the bool
    return match;
}

CertificateAndKey load_certificate_and_key(const std::filesystem::path& certificate_file,
                                           const std::filesystem::path& key_file) {
    CertificateAndKey pair{read_file(certificate_file), read_file(key_file)};
    try {
        if (!key_matches_certificate(pair.certificate_pem, pair.private_key_pem)) {
            throw TlsConfigError{"the private key does not belong to the certificate"};
        }
    } catch (const TlsConfigError& e) {
        throw TlsConfigError{certificate_file.string() + " / " + key_file.string() + ": " +
                             e.what()};
    }
    return pair;
}

void save_certificate_and_key(const CertificateAndKey& pair,
                              const std::filesystem::path& certificate_file,
                              const std::filesystem::path& key_file) {
    write_file(key_file, pair.private_key_pem, S_IRUSR | S_IWUSR);
    write_file(certificate_file, pair.certificate_pem, S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
}

CertificateAndKey load_or_create_self_signed(const std::filesystem::path& data_dir,
                                             const std::string& common_name,
                                             const std::vector<std::string>& subject_alt_names) {
    const std::filesystem::path dir = data_dir / "tls";
    const std::filesystem::path cert_file = dir / "cert.pem";
    const std::filesystem::path key_file = dir / "key.pem";
    std::vector<std::string> names = subject_alt_names;
    if (std::filesystem::exists(cert_file) && std::filesystem::exists(key_file)) {
        CertificateAndKey kept = load_certificate_and_key(cert_file, key_file);
        const CertificateInfo info = inspect_certificate(kept.certificate_pem);
        std::vector<std::string> missing;
        for (const auto& name : subject_alt_names) {
            if (!names_contain(info, name)) missing.push_back(name);
        }
        if (missing.empty()) return kept;
        // Served on a new address or under a new host name: a certificate that
        // names the old ones and the new, so clients that compare names accept it.
        names = info.dns_names;
        names.insert(names.end(), info.ip_addresses.begin(), info.ip_addresses.end());
        names.insert(names.end(), missing.begin(), missing.end());
        if (names.size() > kMaxSubjectAltNames) names = subject_alt_names;
    }
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) throw TlsConfigError{"cannot create " + dir.string() + ": " + error.message()};
    CertificateAndKey pair = generate_self_signed(common_name, names);
    save_certificate_and_key(pair, cert_file, key_file);
    return pair;
}

}  // namespace maillab::protocols::tls
