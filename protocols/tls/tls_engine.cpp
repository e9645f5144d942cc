#include "protocols/tls/tls_engine.hpp"

#include <openssl/err.h>

#include <array>
#include <limits>
#include <utility>

namespace maillab::protocols::tls {

namespace {

constexpr std::size_t kReadChunkOctets = 16 * 1024;

bool is_ip_address(const std::string& host) {
    Asn1OctetStringPtr ip{a2i_IPADDRESS(host.c_str())};
    ERR_clear_error();
    return ip != nullptr;
}

// SSL_set_tlsext_host_name() is a macro with a C cast; this is what it expands to.
long set_sni(SSL* ssl, const std::string& host) {
    return SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                    const_cast<char*>(host.c_str()));
}

}  // namespace

TlsEngine::TlsEngine(const TlsContext& context) : context_(context) {
    ssl_.reset(SSL_new(context_.native()));
    network_in_ = BIO_new(BIO_s_mem());
    network_out_ = BIO_new(BIO_s_mem());
    if (!ssl_ || !network_in_ || !network_out_) {
        BIO_free(network_in_);
        BIO_free(network_out_);
        network_in_ = network_out_ = nullptr;
        fail("cannot create the TLS connection: " + take_openssl_errors("out of memory"));
        return;
    }
    // An empty memory BIO means "no data yet", not end of file.
    BIO_set_mem_eof_return(network_in_, -1);
    SSL_set_bio(ssl_.get(), network_in_, network_out_);

    if (role() == TlsRole::Server) {
        SSL_set_accept_state(ssl_.get());
        return;
    }
    SSL_set_connect_state(ssl_.get());
    const std::string& host = context_.host_name();
    if (!host.empty()) {
        // RFC 6066 §3: SNI carries DNS names only, never an address literal.
        const bool named =
            is_ip_address(host)
                ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_.get()), host.c_str()) == 1
                : set_sni(ssl_.get(), host) == 1 && SSL_set1_host(ssl_.get(), host.c_str()) == 1;
        if (!named) {
            fail("cannot set the server name: " + take_openssl_errors("invalid name"));
            return;
        }
    }
    advance();
}

void TlsEngine::feed_ciphertext(std::string_view bytes) {
    if (failed_ || bytes.empty() || !ssl_) return;
    report(received_records_, bytes);
    while (!bytes.empty()) {
        const std::size_t n = std::min<std::size_t>(bytes.size(), std::numeric_limits<int>::max());
        if (BIO_write(network_in_, bytes.data(), static_cast<int>(n)) != static_cast<int>(n)) {
            fail("cannot buffer ciphertext");
            return;
        }
        bytes.remove_prefix(n);
    }
    advance();
}

std::string TlsEngine::take_ciphertext() {
    if (!network_out_) return {};
    std::string out = memory_bio_contents(network_out_);
    (void)BIO_reset(network_out_);
    report(sent_records_, out);
    return out;
}

void TlsEngine::write_plaintext(std::string_view bytes) {
    if (failed_ || close_sent_) return;
    plaintext_out_.append(bytes);
    if (handshake_complete_) flush_plaintext();
}

std::string TlsEngine::take_plaintext() {
    return std::exchange(plaintext_in_, {});
}

void TlsEngine::feed_eof() {
    if (peer_closed_) return;
    peer_closed_ = true;
    if (!handshake_complete_ && !failed_) {
        failed_ = true;
        error_ = "TLS handshake failed: the connection closed before the handshake finished";
    }
}

void TlsEngine::close_notify() {
    if (failed_ || close_sent_) return;
    close_sent_ = true;
    if (!handshake_complete_) return;  // nothing secure to close yet
    flush_plaintext();
    ERR_clear_error();
    const int result = SSL_shutdown(ssl_.get());
    if (result < 0) check(result, "close_notify failed");
}

std::string TlsEngine::protocol_version() const {
    if (!handshake_complete_) return {};
    switch (SSL_version(ssl_.get())) {
        case TLS1_3_VERSION:
            return "TLS 1.3";
        case TLS1_2_VERSION:
            return "TLS 1.2";
        default:
            return SSL_get_version(ssl_.get());
    }
}

std::string TlsEngine::cipher_name() const {
    const SSL_CIPHER* cipher = handshake_complete_ ? SSL_get_current_cipher(ssl_.get()) : nullptr;
    if (!cipher) return {};
    const char* name = SSL_CIPHER_standard_name(cipher);
    return name ? name : SSL_CIPHER_get_name(cipher);
}

void TlsEngine::advance() {
    if (failed_) return;
    if (!handshake_complete_) {
        ERR_clear_error();
        const int result = SSL_do_handshake(ssl_.get());
        if (result != 1) {
            check(result, "TLS handshake failed");
            return;
        }
        handshake_complete_ = true;
    }
    read_available();
    flush_plaintext();
}

void TlsEngine::read_available() {
    std::array<char, kReadChunkOctets> buffer{};
    while (!failed_ && !peer_closed_) {
        ERR_clear_error();
        std::size_t got = 0;
        const int result = SSL_read_ex(ssl_.get(), buffer.data(), buffer.size(), &got);
        if (result == 1) {
            plaintext_in_.append(buffer.data(), got);
            continue;
        }
        if (SSL_get_error(ssl_.get(), result) == SSL_ERROR_ZERO_RETURN) {
            peer_closed_ = true;  // close_notify received
            return;
        }
        check(result, "TLS connection failed");
        return;
    }
}

void TlsEngine::flush_plaintext() {
    if (failed_ || !handshake_complete_ || plaintext_out_.empty()) return;
    ERR_clear_error();
    std::size_t written = 0;
    // A memory BIO takes everything, so one write sends all pending plaintext.
    if (SSL_write_ex(ssl_.get(), plaintext_out_.data(), plaintext_out_.size(), &written) != 1 ||
        written != plaintext_out_.size()) {
        fail("TLS write failed: " + take_openssl_errors("short write"));
        return;
    }
    plaintext_out_.clear();
}

// WANT_READ is the normal "need more bytes"; everything else ends the connection.
void TlsEngine::check(int ssl_result, const std::string& what) {
    const int code = SSL_get_error(ssl_.get(), ssl_result);
    if (code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE) return;
    if (code == SSL_ERROR_ZERO_RETURN) {
        peer_closed_ = true;
        fail(what + ": the peer closed the connection (close_notify)");
        return;
    }
    std::string message = what + ": " + take_openssl_errors("unexpected end of the TLS stream");
    const long verify = SSL_get_verify_result(ssl_.get());
    if ((SSL_get_verify_mode(ssl_.get()) & SSL_VERIFY_PEER) != 0 && verify != X509_V_OK) {
        message += std::string{" ("} + X509_verify_cert_error_string(verify) + ")";
    }
    fail(message);
}

void TlsEngine::fail(std::string message) {
    ERR_clear_error();
    failed_ = true;
    error_ = std::move(message);
}

void TlsEngine::report(RecordSplitter& splitter, std::string_view bytes) {
    for (const TlsRecord& record : splitter.feed(bytes)) {
        if (observer_) observer_(record);
    }
}

}  // namespace maillab::protocols::tls
