#include "sim/crypto/aes_gcm.hpp"

#include <memory>

#include <openssl/evp.h>

namespace ringside::sim::crypto {
namespace {

using Ctx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const EVP_CIPHER* cipher_for(const Bytes& key) {
    if (key.size() == 16) return EVP_aes_128_gcm();
    if (key.size() == 32) return EVP_aes_256_gcm();
    return nullptr;
}

int as_int(std::size_t n) { return static_cast<int>(n); }

} // namespace

bool aes_gcm_encrypt(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& plain, Bytes& cipher,
                     Bytes& tag) {
    const EVP_CIPHER* algorithm = cipher_for(key);
    if (!algorithm || nonce.size() != 12) return false;
    Ctx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int n = 0;
    cipher.assign(plain.size(), 0);
    tag.assign(16, 0);
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), algorithm, nullptr, key.data(), nonce.data()) != 1) return false;
    if (!aad.empty() && EVP_EncryptUpdate(ctx.get(), nullptr, &n, aad.data(), as_int(aad.size())) != 1) return false;
    if (!plain.empty() && EVP_EncryptUpdate(ctx.get(), cipher.data(), &n, plain.data(), as_int(plain.size())) != 1)
        return false;
    if (EVP_EncryptFinal_ex(ctx.get(), cipher.data() + cipher.size(), &n) != 1) return false;
    return EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, tag.data()) == 1;
}

bool aes_gcm_decrypt(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& cipher, const Bytes& tag,
                     Bytes& plain) {
    plain.clear();
    const EVP_CIPHER* algorithm = cipher_for(key);
    if (!algorithm || nonce.size() != 12 || tag.size() != 16) return false;
    Ctx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int n = 0;
    Bytes out(cipher.size(), 0);
    Bytes expected = tag;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), algorithm, nullptr, key.data(), nonce.data()) != 1) return false;
    if (!aad.empty() && EVP_DecryptUpdate(ctx.get(), nullptr, &n, aad.data(), as_int(aad.size())) != 1) return false;
    if (!cipher.empty() && EVP_DecryptUpdate(ctx.get(), out.data(), &n, cipher.data(), as_int(cipher.size())) != 1)
        return false;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, expected.data()) != 1) return false;
    if (EVP_DecryptFinal_ex(ctx.get(), out.data() + out.size(), &n) != 1) return false;  // tag mismatch
    plain = std::move(out);
    return true;
}

} // namespace ringside::sim::crypto
