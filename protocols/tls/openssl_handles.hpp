// OpenSSL handles: unique_ptr with the matching *_free function, so every
// OpenSSL object is released on every path (including errors) without manual
// cleanup code, and the error-queue helper every TLS file uses.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace maillab::protocols::tls {

template <auto FreeFunction>
struct OpenSslDeleter {
    template <typename T>
    void operator()(T* handle) const {
        FreeFunction(handle);
    }
};

using SslCtxPtr = std::unique_ptr<SSL_CTX, OpenSslDeleter<SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, OpenSslDeleter<SSL_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BN_free>>;
using Asn1IntegerPtr = std::unique_ptr<ASN1_INTEGER, OpenSslDeleter<ASN1_INTEGER_free>>;
using Asn1OctetStringPtr =
    std::unique_ptr<ASN1_OCTET_STRING, OpenSslDeleter<ASN1_OCTET_STRING_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, OpenSslDeleter<GENERAL_NAMES_free>>;
using GeneralNamePtr = std::unique_ptr<GENERAL_NAME, OpenSslDeleter<GENERAL_NAME_free>>;
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslDeleter<X509_EXTENSION_free>>;

// Drains this thread's OpenSSL error queue into one readable line
// ("error:0A00010B:SSL routines::wrong version number; ..."), or `fallback`
// when the queue is empty.
std::string take_openssl_errors(const std::string& fallback);

// A read-only memory BIO over `bytes` (which must outlive the BIO).
BioPtr memory_bio_over(std::string_view bytes);
// Everything written into a memory BIO, as a string.
std::string memory_bio_contents(BIO* bio);

}  // namespace maillab::protocols::tls
