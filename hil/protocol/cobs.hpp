#pragma once
// Consistent Overhead Byte Stuffing (Cheshire & Baker, 1999): removes every 0x00 from a
// frame so that 0x00 can delimit frames on the serial line. A receiver that joins mid-stream,
// or loses bytes, resynchronises at the next 0x00. Portable: no heap, no exceptions; used by
// the board agent (firmware side) and the host driver alike.
#include <cstddef>
#include <cstdint>

namespace ringside::hil {

// Worst-case encoded size of `length` bytes (without the trailing delimiter).
constexpr std::size_t cobs_max_encoded(std::size_t length) { return length + length / 254 + 1; }

// Encodes `length` bytes into `out` (capacity `capacity`). Returns the encoded size, or 0 if
// it does not fit. The output contains no 0x00.
std::size_t cobs_encode(const std::uint8_t* data, std::size_t length, std::uint8_t* out, std::size_t capacity);

// Decodes an encoded frame (without its delimiter). Returns the decoded size, or 0 when the
// input is not valid COBS (a 0x00 inside, a code running past the end) or does not fit.
std::size_t cobs_decode(const std::uint8_t* data, std::size_t length, std::uint8_t* out, std::size_t capacity);

} // namespace ringside::hil
