#pragma once
// A throwaway certificate authority for `ringside cloud --tls`, made fresh at every start:
// a CA (written out as PEM so clients such as curl --cacert or the speaker can trust it)
// and a server certificate for localhost, 127.0.0.1 and ::1 signed by it. No key is ever
// stored in the repository or fetched from anywhere. Who may call: the cloud server.
#include <memory>
#include <string>

struct x509_st;
struct evp_pkey_st;

namespace ringside::cloud {

struct TlsIdentity {
    x509_st* server_certificate = nullptr;
    evp_pkey_st* server_key = nullptr;
    std::string ca_certificate_pem;
    TlsIdentity() = default;
    TlsIdentity(const TlsIdentity&) = delete;
    TlsIdentity& operator=(const TlsIdentity&) = delete;
    ~TlsIdentity();
};

// nullptr with `why` set when OpenSSL refuses.
std::unique_ptr<TlsIdentity> make_test_tls_identity(std::string& why);

} // namespace ringside::cloud
