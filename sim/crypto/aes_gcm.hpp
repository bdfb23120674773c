#pragma once
// AES-GCM (128- or 256-bit keys, 96-bit nonce, 128-bit tag) for the simulator's device
// crypto, over OpenSSL's libcrypto. Why libcrypto and not our own AES: the simulator needs
// a cipher that is right, not a second implementation to verify; libcrypto is the
// reference most boards' vendor libraries are checked against, and it is linked into this
// one target only (ringside_sim_crypto), nowhere near the firmware.
// Who may call: VirtualCrypto and its tests.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ringside::sim::crypto {

using Bytes = std::vector<std::uint8_t>;

// Returns false on a bad key or nonce size (key 16 or 32 bytes, nonce 12) or a library error.
bool aes_gcm_encrypt(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& plain, Bytes& cipher,
                     Bytes& tag);
// False also when the tag does not verify; `plain` is then empty.
bool aes_gcm_decrypt(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& cipher, const Bytes& tag,
                     Bytes& plain);

} // namespace ringside::sim::crypto
