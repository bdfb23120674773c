#pragma once
// hal::Crypto of a board with no secure element: AES-256-GCM in software (aes_gcm.hpp) under
// a device key derived from the scenario's seed and the serial number, with a nonce sequence
// from a seeded splitmix64 — exactly sim::VirtualCrypto's derivation, so the same seed and
// serial give the same sealed bytes on the board as on the virtual speaker, byte for byte
// (a record sealed by one opens on the other; the host's traces of flash contents agree).
// Sealed layout (hal::Crypto): nonce (12) || ciphertext || tag (16).
// The nonce sequence belongs to the board, not to a power-on: it continues across power
// cycles as the simulator's does, so no nonce repeats under the key.
// Who may call: the hal face — the firmware's token store and the port's StoredTokenReader;
// construction — the board when it is made.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "firmware/hal/crypto.hpp"
#include "hil/boards/common/aes_gcm.hpp"

namespace ringside::kit {

class KitCrypto final : public hal::Crypto {
public:
    KitCrypto(std::uint64_t seed, std::string_view serial_number);
    ~KitCrypto() { cipher_.wipe(); }
    KitCrypto(const KitCrypto&) = delete;
    KitCrypto& operator=(const KitCrypto&) = delete;

    std::size_t seal(std::uint8_t* buffer, std::size_t length, std::size_t capacity, const std::uint8_t* aad,
                     std::size_t aad_length) override;
    std::size_t open(std::uint8_t* buffer, std::size_t length, const std::uint8_t* aad,
                     std::size_t aad_length) override;

private:
    aes::AesGcm cipher_;
    std::uint64_t nonce_state_ = 0;
};

} // namespace ringside::kit
