#pragma once
// AES-GCM in software (FIPS 197 AES with 128- or 256-bit keys; NIST SP 800-38D GCM with
// 96-bit nonces and 128-bit tags), written out here because the STM32F405 has no crypto
// engine (only its F415/F417 siblings have the CRYP peripheral) and a board links no
// library but the C++ standard library. It is checked against the GCM specification's test
// vectors (the ones tests/sim/crypto_test.cpp checks libcrypto against) and against the
// simulator's libcrypto-sealed bytes.
// Plain byte-oriented AES with an S-box table and a bit-serial GHASH: small (no 4 KiB
// T-tables), slow (fine for sealing a ~1 KiB token record now and then), and NOT hardened
// against timing or power side channels — what a test board needs, not a product.
// No heap; the key schedule lives in the object (wipe() it when the key goes).
// Who may call: KitCrypto and its tests.
#include <array>
#include <cstddef>
#include <cstdint>

namespace ringside::kit::aes {

inline constexpr std::size_t kBlock = 16;      // bytes
inline constexpr std::size_t kNonceSize = 12;  // bytes: the 96-bit IV GCM is built for
inline constexpr std::size_t kTagSize = 16;    // bytes

class AesGcm {
public:
    // `key_size` 16 (AES-128) or 32 (AES-256); false (and no key) otherwise.
    bool set_key(const std::uint8_t* key, std::size_t key_size);
    bool has_key() const { return rounds_ != 0; }
    void wipe();

    // Encrypts in[0, length) to out (out == in is fine) and writes the tag over `aad` and the
    // ciphertext. False without a key.
    bool seal(const std::uint8_t* nonce, const std::uint8_t* aad, std::size_t aad_length, const std::uint8_t* in,
              std::uint8_t* out, std::size_t length, std::uint8_t* tag) const;

    // Checks `tag` over `aad` and in[0, length) first, and only when it verifies decrypts to
    // out, which may be `in` itself or lie before it (out <= in: each block is read before it
    // is overwritten), so a sealed record opens in place behind its nonce. On a mismatch
    // nothing is written: no plaintext of a forged or torn record ever exists.
    bool open(const std::uint8_t* nonce, const std::uint8_t* aad, std::size_t aad_length, const std::uint8_t* in,
              std::uint8_t* out, std::size_t length, const std::uint8_t* tag) const;

private:
    using Block = std::array<std::uint8_t, kBlock>;
    void encrypt_block(const std::uint8_t* in, std::uint8_t* out) const;
    void ghash(const std::uint8_t* aad, std::size_t aad_length, const std::uint8_t* cipher, std::size_t length,
               Block& s) const;
    void tag_of(const std::uint8_t* nonce, const std::uint8_t* aad, std::size_t aad_length,
                const std::uint8_t* cipher, std::size_t length, Block& tag) const;
    void ctr(const std::uint8_t* nonce, const std::uint8_t* in, std::uint8_t* out, std::size_t length) const;

    std::array<std::uint8_t, 16 * 15> round_keys_{};  // AES-256: 15 round keys
    int rounds_ = 0;                                  // 10 (AES-128) or 14 (AES-256); 0: no key
    Block h_{};                                       // the GHASH key, E(K, 0^128)
};

} // namespace ringside::kit::aes
