#pragma once
// The seam for encrypting the token store's payload at rest: AES-GCM through hal::Crypto,
// keyed per device, so a flash dump shows neither the refresh token nor the Wi-Fi password.
// The record's header (magic, version, length, sequence) is authenticated as aad, so a
// sealed payload cannot be replayed under another sequence number. Without a Crypto (only
// the token store's own format tests) the payload stays in the clear.
// Who may call: the token store only.
#include <cstddef>
#include <cstdint>

#include "firmware/hal/crypto.hpp"

namespace ringside::fw::at_rest {

inline constexpr std::size_t kSealOverhead = 32;
static_assert(hal::Crypto::kOverhead <= kSealOverhead, "the record format reserves 32 bytes for sealing");

// Seals plain[0, length) in place; `capacity` bytes are available. Returns the sealed
// length, or 0 on failure.
inline std::size_t seal(hal::Crypto* crypto, std::uint8_t* payload, std::size_t length, std::size_t capacity,
                        const std::uint8_t* aad, std::size_t aad_length) {
    return crypto ? crypto->seal(payload, length, capacity, aad, aad_length) : length;
}

// Opens a sealed payload in place. Returns the plain length, or 0 when it fails to verify.
inline std::size_t open(hal::Crypto* crypto, std::uint8_t* payload, std::size_t length, const std::uint8_t* aad,
                        std::size_t aad_length) {
    return crypto ? crypto->open(payload, length, aad, aad_length) : length;
}

} // namespace ringside::fw::at_rest
