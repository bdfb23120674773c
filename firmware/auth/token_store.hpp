#pragma once
// Power-fail-safe storage of StoredCredentials on NOR flash, in two sectors used as A/B
// slots. Each commit writes a complete new record into the slot that does NOT hold the
// newest valid record, so the newest valid record survives a power cut at any point:
//
//   offset  size  field
//   0       4     magic "RSTK" (little-endian 0x4B545352)
//   4       2     format version (1)
//   6       2     payload length (bytes, after sealing; see at_rest.hpp)
//   8       4     sequence number (higher = newer)
//   12      len   payload: u8 len + SSID, u8 len + password, u8 len + account hint,
//                 u16 len + refresh token (little-endian lengths)
//   12+len  4     CRC-32 of bytes [0, 12+len)
//   16+len  4     commit marker 0x600DF00D, programmed last
//
// A record counts only with magic, version, CRC and marker all right. The marker goes in
// after the CRC is fully programmed, so a torn CRC can never be accepted by chance.
// Who may call: the device lifecycle; tests. Calls are synchronous flash operations.
#include <array>
#include <cstddef>
#include <cstdint>

#include "firmware/auth/at_rest.hpp"
#include "firmware/auth/stored_credentials.hpp"
#include "firmware/hal/crypto.hpp"
#include "firmware/hal/flash.hpp"

namespace ringside::fw {

class TokenStore {
public:
    static constexpr std::uint32_t kMagic = 0x4B545352;  // "RSTK"
    static constexpr std::uint16_t kVersion = 1;
    static constexpr std::uint32_t kCommitMarker = 0x600DF00D;
    static constexpr std::size_t kHeaderSize = 12;
    static constexpr std::size_t kTrailerSize = 8;
    static constexpr std::size_t kMaxPlainPayload =
        1 + kMaxSsid + 1 + kMaxWifiPassword + 1 + kMaxAccountHint + 2 + kMaxRefreshToken;
    static constexpr std::size_t kMaxPayload = kMaxPlainPayload + at_rest::kSealOverhead;
    static constexpr std::size_t kMaxRecord = kHeaderSize + kMaxPayload + kTrailerSize;

    // Where a load or commit landed, for trace lines.
    struct Location {
        std::uint8_t slot = 0;        // 0 = A, 1 = B
        std::uint32_t sequence = 0;
    };

    // Uses sectors first_sector and first_sector + 1 of `flash`. With `crypto` the payload
    // is sealed (AES-GCM, see at_rest.hpp): what the device uses. Without it the payload is
    // stored in the clear: only for tests of the record framing.
    explicit TokenStore(hal::Flash& flash, std::size_t first_sector = 0);
    TokenStore(hal::Flash& flash, hal::Crypto& crypto, std::size_t first_sector = 0);

    // The newest valid record into `out`. False (and `out` wiped) when neither slot holds one.
    bool load(StoredCredentials& out);
    // Writes `credentials` as the new newest record. False on a flash fault, a sector too
    // small, or a read-back that does not verify; the previous record then still stands.
    bool commit(const StoredCredentials& credentials);
    // Erases both slots (factory reset, revoked grant). The older slot goes first, so a cut
    // in between leaves the newest record, never resurrects an older one.
    bool erase();

    // Where the last successful load or commit was.
    Location last() const { return last_; }

private:
    struct SlotScan {
        bool valid = false;
        std::uint32_t sequence = 0;
        std::size_t payload_length = 0;  // valid records only; payload left in buffer_
    };

    SlotScan scan(std::uint8_t slot);
    std::size_t address_of(std::uint8_t slot) const;
    bool usable() const;

    hal::Flash& flash_;
    hal::Crypto* crypto_ = nullptr;
    std::size_t first_sector_;
    Location last_{};
    // The one record-sized buffer, reused by every operation (no stack spike, no heap).
    std::array<std::uint8_t, kMaxRecord> buffer_{};
};

} // namespace ringside::fw
