#include "hil/protocol/frame.hpp"

#include "firmware/core/crc32.hpp"

namespace ringside::hil {
namespace {

void put16(std::uint8_t* p, std::uint16_t v) {
    p[0] = static_cast<std::uint8_t>(v);
    p[1] = static_cast<std::uint8_t>(v >> 8);
}
void put32(std::uint8_t* p, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint16_t get16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t get32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

} // namespace

std::size_t encode_frame(const Frame& frame, std::uint8_t* out, std::size_t capacity) {
    if (frame.length > kMaxPayload) return 0;
    std::array<std::uint8_t, kMaxFrameSize> raw{};
    raw[0] = kProtocolVersion;
    raw[1] = static_cast<std::uint8_t>(frame.type);
    put16(&raw[2], frame.sequence);
    put16(&raw[4], frame.length);
    for (std::size_t i = 0; i < frame.length; ++i) raw[kHeaderSize + i] = frame.payload[i];
    const std::size_t body = kHeaderSize + frame.length;
    put32(&raw[body], fw::crc32(raw.data(), body));
    if (capacity < 1) return 0;
    const std::size_t encoded = cobs_encode(raw.data(), body + kCrcSize, out, capacity - 1);
    if (encoded == 0) return 0;
    out[encoded] = 0;
    return encoded + 1;
}

FrameDecoder::Result FrameDecoder::push(std::uint8_t byte) {
    if (byte == 0) {
        const bool was_overflowed = overflowed_;
        const Result r = filled_ == 0 && !was_overflowed ? Result::None : (was_overflowed ? Result::Overflow : finish());
        filled_ = 0;
        overflowed_ = false;
        return r;
    }
    if (filled_ >= encoded_.size()) {
        overflowed_ = true;  // keep discarding until the next delimiter
        return Result::None;
    }
    encoded_[filled_++] = byte;
    return Result::None;
}

FrameDecoder::Result FrameDecoder::finish() {
    std::array<std::uint8_t, kMaxFrameSize> raw{};
    const std::size_t size = cobs_decode(encoded_.data(), filled_, raw.data(), raw.size());
    if (size < kHeaderSize + kCrcSize) return Result::Malformed;
    const std::uint16_t length = get16(&raw[4]);
    if (size != kHeaderSize + length + kCrcSize) return Result::Malformed;
    if (get32(&raw[size - kCrcSize]) != fw::crc32(raw.data(), size - kCrcSize)) return Result::BadCrc;
    if (raw[0] != kProtocolVersion) return Result::BadVersion;
    frame_.type = static_cast<MessageType>(raw[1]);
    frame_.sequence = get16(&raw[2]);
    frame_.length = length;
    for (std::size_t i = 0; i < length; ++i) frame_.payload[i] = raw[kHeaderSize + i];
    return Result::Frame;
}

std::uint16_t SequenceTracker::accept(std::uint16_t sequence) {
    const std::uint16_t lost = started_ ? static_cast<std::uint16_t>(sequence - expected_) : 0;
    started_ = true;
    expected_ = static_cast<std::uint16_t>(sequence + 1);
    return lost;
}

} // namespace ringside::hil
