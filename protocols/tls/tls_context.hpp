// TlsContext: the settings shared by all TLS connections of one side — a
// server's certificate and key, or a client's trust decision — plus the key
// log. One OpenSSL SSL_CTX per object, no globals (OpenSSL 3 needs no global
// initialisation). Copies are cheap handles to the same context; every
// TlsEngine keeps its context alive.
//
// Policy: TLS 1.2 is the minimum (RFC 8996 deprecates 1.0 and 1.1; RFC 8314
// §4.1 asks mail software for TLS 1.2 or newer), TLS 1.2 cipher suites are
// ECDHE with AEAD only (forward secrecy), renegotiation is off.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "protocols/tls/certificate.hpp"

typedef struct ssl_ctx_st SSL_CTX;

namespace maillab::protocols::tls {

enum class TlsRole { Client, Server };

enum class TlsVersion { Tls12, Tls13 };

struct TlsVersionRange {
    TlsVersion min = TlsVersion::Tls12;
    TlsVersion max = TlsVersion::Tls13;
};

// One SSLKEYLOGFILE line without the newline, e.g.
// "CLIENT_HANDSHAKE_TRAFFIC_SECRET <client random hex> <secret hex>" (TLS 1.3)
// or "CLIENT_RANDOM <client random hex> <master secret hex>" (TLS 1.2).
using KeylogSink = std::function<void(std::string_view line)>;

// What a client checks about the server.
struct ClientTrust {
    // PEM certificates to trust (a CA, or the lab's self-signed certificate
    // itself). Empty: accept any certificate, as the lab's self-signed setup needs.
    std::string trusted_pem;
    // Sent as SNI; when trusted_pem is set, the certificate must name this host.
    std::string host_name;
};

class TlsContext {
public:
    static TlsContext server(const CertificateAndKey& credentials, TlsVersionRange versions = {});
    static TlsContext server_from_files(const std::filesystem::path& certificate_file,
                                        const std::filesystem::path& key_file,
                                        TlsVersionRange versions = {});
    static TlsContext client(const ClientTrust& trust = {}, TlsVersionRange versions = {});
    // Takes over a context built by hand, for tests and demonstrations that
    // need what the lab refuses on purpose (a client limited to TLS 1.1).
    static TlsContext adopt(SSL_CTX* context, TlsRole role, std::string host_name = {});

    TlsRole role() const;
    const std::string& host_name() const;
    // Receives a line for every secret of every connection made with this
    // context (and its copies), so Wireshark can decrypt a capture.
    void set_keylog(KeylogSink sink);

    SSL_CTX* native() const;

private:
    struct State;
    explicit TlsContext(std::shared_ptr<State> state);
    std::shared_ptr<State> state_;
};

std::string_view to_string(TlsVersion version);

}  // namespace maillab::protocols::tls
