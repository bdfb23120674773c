#pragma once
// hal::Crypto for the virtual speaker: AES-256-GCM under a per-device key derived from the
// world's seed and the device's serial number (never handed to the firmware), with nonces
// from a seeded generator so the same seed gives the same flash bytes.
// Who may call: the hal::Crypto face — the firmware's token store; construction — the world.
#include <cstdint>
#include <string_view>

#include "firmware/hal/crypto.hpp"
#include "sim/crypto/aes_gcm.hpp"

namespace ringside::sim {

class VirtualCrypto final : public hal::Crypto {
public:
    VirtualCrypto(std::uint64_t seed, std::string_view serial_number);

    std::size_t seal(std::uint8_t* buffer, std::size_t length, std::size_t capacity, const std::uint8_t* aad,
                     std::size_t aad_length) override;
    std::size_t open(std::uint8_t* buffer, std::size_t length, const std::uint8_t* aad,
                     std::size_t aad_length) override;

private:
    crypto::Bytes key_;
    std::uint64_t nonce_state_;
};

} // namespace ringside::sim
