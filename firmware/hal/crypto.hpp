#pragma once
// Authenticated encryption at rest under a per-device key the firmware never sees (on a
// board: a secure element or a key in OTP/eFuse; in the simulator: derived from the seed
// and serial number). AES-GCM: a fresh 96-bit nonce per seal, a 128-bit tag.
// Sealed layout: nonce (12) || ciphertext (length) || tag (16).
// Who may call: the token store (through firmware/auth/at_rest.hpp) only.
#include <cstddef>
#include <cstdint>

namespace ringside::hal {

class Crypto {
public:
    static constexpr std::size_t kNonceSize = 12;  // bytes
    static constexpr std::size_t kTagSize = 16;    // bytes
    static constexpr std::size_t kOverhead = kNonceSize + kTagSize;

    // Seals buffer[0, length) in place, authenticating `aad` too; `capacity` bytes are
    // usable. Returns the sealed length (length + kOverhead), or 0 on failure.
    virtual std::size_t seal(std::uint8_t* buffer, std::size_t length, std::size_t capacity,
                             const std::uint8_t* aad, std::size_t aad_length) = 0;
    // Opens a sealed buffer in place: the plaintext ends up at buffer[0, result). Returns 0
    // when it does not verify (wrong key, torn or tampered bytes, other aad) and then leaves
    // no plaintext behind.
    virtual std::size_t open(std::uint8_t* buffer, std::size_t length, const std::uint8_t* aad,
                             std::size_t aad_length) = 0;

protected:
    ~Crypto() = default;
};

} // namespace ringside::hal
