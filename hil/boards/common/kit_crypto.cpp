#include "hil/boards/common/kit_crypto.hpp"

#include <cstring>

#include "common/prng.hpp"

namespace ringside::kit {
namespace {

// The simulator copies each 64-bit word into the key with memcpy on a little-endian host;
// written out byte by byte so a board of either endianness derives the same key.
void store_le(std::uint64_t word, std::uint8_t* out, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) out[i] = static_cast<std::uint8_t>(word >> (8 * i));
}

} // namespace

KitCrypto::KitCrypto(std::uint64_t seed, std::string_view serial_number) {
    // sim::VirtualCrypto: "RINGSIDE" mixed with the seed, the serial number folded in FNV-1a
    // style, then the key and the nonce state drawn from splitmix64.
    std::uint64_t state = seed ^ 0x52494E4753494445ull;  // "RINGSIDE"
    for (char c : serial_number) state = (state ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
    std::uint8_t key[32];
    for (std::size_t i = 0; i < sizeof key; i += 8) store_le(common::splitmix64(state), key + i, 8);
    cipher_.set_key(key, sizeof key);
    volatile std::uint8_t* k = key;  // the key lives on only in the cipher's schedule
    for (std::size_t i = 0; i < sizeof key; ++i) k[i] = 0;
    nonce_state_ = common::splitmix64(state);
}

std::size_t KitCrypto::seal(std::uint8_t* buffer, std::size_t length, std::size_t capacity, const std::uint8_t* aad,
                            std::size_t aad_length) {
    if (buffer == nullptr || capacity < kOverhead || length > capacity - kOverhead) return 0;
    std::uint8_t nonce[kNonceSize];
    store_le(common::splitmix64(nonce_state_), nonce, 8);
    store_le(common::splitmix64(nonce_state_), nonce + 8, 4);
    std::memmove(buffer + kNonceSize, buffer, length);
    std::memcpy(buffer, nonce, kNonceSize);
    std::uint8_t* body = buffer + kNonceSize;
    if (!cipher_.seal(nonce, aad, aad_length, body, body, length, body + length)) return 0;
    return length + kOverhead;
}

std::size_t KitCrypto::open(std::uint8_t* buffer, std::size_t length, const std::uint8_t* aad, std::size_t aad_length) {
    if (buffer == nullptr || length < kOverhead) return 0;
    const std::size_t plain_length = length - kOverhead;
    const std::uint8_t* body = buffer + kNonceSize;
    // Decrypts over the nonce: the plaintext ends at buffer[0, plain_length), and what lies
    // past it is still sealed bytes, as the simulator leaves them.
    if (!cipher_.open(buffer, aad, aad_length, body, buffer, plain_length, body + plain_length)) return 0;
    return plain_length;
}

} // namespace ringside::kit
