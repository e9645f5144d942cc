#include "protocols/tls/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include "protocols/tls/openssl_handles.hpp"

namespace maillab::protocols::tls {

namespace {

// Mozilla's "intermediate" TLS 1.2 list: ECDHE key exchange (forward secrecy)
// with AEAD ciphers only. TLS 1.3 suites keep OpenSSL's defaults, all AEAD.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

int native_version(TlsVersion version) {
    return version == TlsVersion::Tls12 ? TLS1_2_VERSION : TLS1_3_VERSION;
}

[[noreturn]] void fail(const std::string& what) {
    throw TlsConfigError{what + ": " + take_openssl_errors("no OpenSSL detail")};
}

}  // namespace

struct TlsContext::State {
    SslCtxPtr context;
    TlsRole role = TlsRole::Server;
    std::string host_name;
    KeylogSink keylog;
};

namespace {

// OpenSSL calls a plain function; it finds the context's sink through the
// SSL_CTX's app data, set when the TlsContext is made.
void keylog_trampoline(const SSL* ssl, const char* line) {
    const auto* sink = static_cast<const KeylogSink*>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)));
    if (sink && *sink) (*sink)(line);
}

SslCtxPtr new_context(TlsRole role, TlsVersionRange versions) {
    if (native_version(versions.min) > native_version(versions.max)) {
        throw TlsConfigError{"TLS version range is empty"};
    }
    SslCtxPtr ctx{SSL_CTX_new(role == TlsRole::Server ? TLS_server_method() : TLS_client_method())};
    if (!ctx) fail("SSL_CTX_new failed");
    if (SSL_CTX_set_min_proto_version(ctx.get(), native_version(versions.min)) != 1 ||
        SSL_CTX_set_max_proto_version(ctx.get(), native_version(versions.max)) != 1 ||
        SSL_CTX_set_cipher_list(ctx.get(), kTls12Ciphers) != 1) {
        fail("cannot apply the TLS policy");
    }
    SSL_CTX_set_options(ctx.get(), SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
    // The lab never resumes sessions; tickets would only add records to the trace.
    SSL_CTX_set_num_tickets(ctx.get(), 0);
    SSL_CTX_set_session_cache_mode(ctx.get(), SSL_SESS_CACHE_OFF);
    return ctx;
}

}  // namespace

TlsContext::TlsContext(std::shared_ptr<State> state) : state_(std::move(state)) {
    SSL_CTX_set_app_data(state_->context.get(), &state_->keylog);
    SSL_CTX_set_keylog_callback(state_->context.get(), keylog_trampoline);
}

TlsContext TlsContext::server(const CertificateAndKey& credentials, TlsVersionRange versions) {
    SslCtxPtr ctx = new_context(TlsRole::Server, versions);

    BioPtr cert_bio = memory_bio_over(credentials.certificate_pem);
    X509Ptr leaf{cert_bio ? PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr) : nullptr};
    if (!leaf || SSL_CTX_use_certificate(ctx.get(), leaf.get()) != 1) {
        fail("server certificate PEM is unusable");
    }
    // Any further certificates in the PEM form the chain sent after the leaf.
    while (X509* extra = PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr)) {
        if (SSL_CTX_add0_chain_cert(ctx.get(), extra) != 1) {
            X509_free(extra);
            fail("cannot add chain certificate");
        }
    }
    ERR_clear_error();  // the loop ends with a harmless "no start line"

    BioPtr key_bio = memory_bio_over(credentials.private_key_pem);
    EvpPkeyPtr key{key_bio ? PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr)
                           : nullptr};
    if (!key || SSL_CTX_use_PrivateKey(ctx.get(), key.get()) != 1) {
        fail("server private key PEM is unusable");
    }
    if (SSL_CTX_check_private_key(ctx.get()) != 1) {
        fail("the private key does not belong to the certificate");
    }
    return TlsContext{std::make_shared<State>(State{std::move(ctx), TlsRole::Server, {}, {}})};
}

TlsContext TlsContext::server_from_files(const std::filesystem::path& certificate_file,
                                         const std::filesystem::path& key_file,
                                         TlsVersionRange versions) {
    return server(load_certificate_and_key(certificate_file, key_file), versions);
}

TlsContext TlsContext::client(const ClientTrust& trust, TlsVersionRange versions) {
    SslCtxPtr ctx = new_context(TlsRole::Client, versions);
    if (trust.trusted_pem.empty()) {
        SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
    } else {
        BioPtr bio = memory_bio_over(trust.trusted_pem);
        X509_STORE* store = SSL_CTX_get_cert_store(ctx.get());
        int added = 0;
        while (X509* cert =
                   bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr) {
            const int ok = X509_STORE_add_cert(store, cert);
            X509_free(cert);
            if (ok != 1) fail("cannot trust certificate");
            ++added;
        }
        ERR_clear_error();
        if (added == 0) throw TlsConfigError{"trusted PEM holds no certificate"};
        SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
        // A trusted self-signed server certificate is an anchor by itself.
        X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(ctx.get()), X509_V_FLAG_PARTIAL_CHAIN);
    }
    auto state =
        std::make_shared<State>(State{std::move(ctx), TlsRole::Client, trust.host_name, {}});
    return TlsContext{std::move(state)};
}

TlsContext TlsContext::adopt(SSL_CTX* context, TlsRole role, std::string host_name) {
    if (context == nullptr) throw TlsConfigError{"no SSL_CTX to adopt"};
    return TlsContext{
        std::make_shared<State>(State{SslCtxPtr{context}, role, std::move(host_name), {}})};
}

TlsRole TlsContext::role() const {
    return state_->role;
}

const std::string& TlsContext::host_name() const {
    return state_->host_name;
}

void TlsContext::set_keylog(KeylogSink sink) {
    state_->keylog = std::move(sink);
}

SSL_CTX* TlsContext::native() const {
    return state_->context.get();
}

std::string_view to_string(TlsVersion version) {
    return version == TlsVersion::Tls12 ? "TLS 1.2" : "TLS 1.3";
}

}  // namespace maillab::protocols::tls
