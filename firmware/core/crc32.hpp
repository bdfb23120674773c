#pragma once
// CRC-32 (IEEE 802.3, reflected, as zlib computes it). The token store uses it to tell a
// complete flash record from a torn or erased one.
#include <cstddef>
#include <cstdint>

namespace ringside::fw {

// Continue a running CRC by passing the previous result as `crc` (start from 0).
std::uint32_t crc32(const std::uint8_t* data, std::size_t length, std::uint32_t crc = 0);

} // namespace ringside::fw
