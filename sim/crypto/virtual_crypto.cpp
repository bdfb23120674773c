#include "sim/crypto/virtual_crypto.hpp"

#include <cstring>

#include "common/prng.hpp"

namespace ringside::sim {

VirtualCrypto::VirtualCrypto(std::uint64_t seed, std::string_view serial_number) {
    std::uint64_t state = seed ^ 0x52494E4753494445ull;  // "RINGSIDE"
    for (char c : serial_number) state = (state ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
    key_.resize(32);
    for (std::size_t i = 0; i < key_.size(); i += 8) {
        const std::uint64_t word = common::splitmix64(state);
        std::memcpy(key_.data() + i, &word, 8);
    }
    nonce_state_ = common::splitmix64(state);
}

std::size_t VirtualCrypto::seal(std::uint8_t* buffer, std::size_t length, std::size_t capacity,
                                const std::uint8_t* aad, std::size_t aad_length) {
    if (length + kOverhead > capacity) return 0;
    crypto::Bytes nonce(kNonceSize);
    const std::uint64_t a = common::splitmix64(nonce_state_);
    const std::uint64_t b = common::splitmix64(nonce_state_);
    std::memcpy(nonce.data(), &a, 8);
    std::memcpy(nonce.data() + 8, &b, 4);
    const crypto::Bytes plain(buffer, buffer + length);
    const crypto::Bytes extra(aad, aad + aad_length);
    crypto::Bytes cipher, tag;
    if (!crypto::aes_gcm_encrypt(key_, nonce, extra, plain, cipher, tag)) return 0;
    std::memcpy(buffer, nonce.data(), kNonceSize);
    std::memcpy(buffer + kNonceSize, cipher.data(), cipher.size());
    std::memcpy(buffer + kNonceSize + cipher.size(), tag.data(), kTagSize);
    return length + kOverhead;
}

std::size_t VirtualCrypto::open(std::uint8_t* buffer, std::size_t length, const std::uint8_t* aad,
                                std::size_t aad_length) {
    if (length < kOverhead) return 0;
    const std::size_t plain_length = length - kOverhead;
    const crypto::Bytes nonce(buffer, buffer + kNonceSize);
    const crypto::Bytes cipher(buffer + kNonceSize, buffer + kNonceSize + plain_length);
    const crypto::Bytes tag(buffer + kNonceSize + plain_length, buffer + length);
    const crypto::Bytes extra(aad, aad + aad_length);
    crypto::Bytes plain;
    if (!crypto::aes_gcm_decrypt(key_, nonce, extra, cipher, tag, plain)) return 0;
    std::memcpy(buffer, plain.data(), plain.size());
    return plain.size();
}

} // namespace ringside::sim
