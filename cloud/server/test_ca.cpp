#include "cloud/server/test_ca.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace ringside::cloud {
namespace {

struct KeyDeleter {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CertDeleter {
    void operator()(X509* c) const { X509_free(c); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Cert = std::unique_ptr<X509, CertDeleter>;

Key new_key() { return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")); }

bool add_extension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext) return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

// A certificate for `subject_key` named `common_name`, signed by `issuer_key` (whose
// certificate is `issuer`, or the new one itself when self-signed).
Cert make_certificate(EVP_PKEY* subject_key, const char* common_name, long serial, X509* issuer, EVP_PKEY* issuer_key,
                      bool is_ca) {
    Cert cert(X509_new());
    if (!cert) return nullptr;
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
    // Valid from a day ago: a verifier whose clock lags a little still accepts it.
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -24L * 3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30L * 24 * 3600);
    X509_set_pubkey(cert.get(), subject_key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Ringside test"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
    X509* signer = issuer ? issuer : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
    const bool ok = is_ca ? add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE") &&
                                add_extension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign") &&
                                add_extension(cert.get(), signer, NID_subject_key_identifier, "hash")
                          : add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE") &&
                                add_extension(cert.get(), signer, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1") &&
                                add_extension(cert.get(), signer, NID_ext_key_usage, "serverAuth") &&
                                add_extension(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
    if (!ok || X509_sign(cert.get(), issuer_key, EVP_sha256()) == 0) return nullptr;
    return cert;
}

std::string to_pem(X509* cert) {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(length));
    BIO_free(bio);
    return pem;
}

} // namespace

TlsIdentity::~TlsIdentity() {
    X509_free(server_certificate);
    EVP_PKEY_free(server_key);
}

std::unique_ptr<TlsIdentity> make_test_tls_identity(std::string& why) {
    Key ca_key = new_key(), server_key = new_key();
    if (!ca_key || !server_key) {
        why = "OpenSSL could not make a P-256 key";
        return nullptr;
    }
    Cert ca = make_certificate(ca_key.get(), "Ringside Test CA", 1, nullptr, ca_key.get(), true);
    Cert server = ca ? make_certificate(server_key.get(), "localhost", 2, ca.get(), ca_key.get(), false) : nullptr;
    if (!server) {
        why = "OpenSSL could not sign the test certificates";
        return nullptr;
    }
    auto identity = std::make_unique<TlsIdentity>();
    identity->ca_certificate_pem = to_pem(ca.get());
    identity->server_certificate = server.release();
    identity->server_key = server_key.release();
    return identity;
}

} // namespace ringside::cloud
