#include "hil/protocol/payload.hpp"

#include <cstring>

namespace ringside::hil {

PayloadWriter& PayloadWriter::put(const void* data, std::size_t n) {
    if (!ok_ || frame_.length + n > kMaxPayload) {
        ok_ = false;
        return *this;
    }
    // An empty string_view may carry a null pointer, which memcpy may not be given even for 0 bytes.
    if (n > 0) std::memcpy(frame_.payload.data() + frame_.length, data, n);
    frame_.length = static_cast<std::uint16_t>(frame_.length + n);
    return *this;
}

PayloadWriter& PayloadWriter::u16(std::uint16_t v) {
    const std::uint8_t b[2] = {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8)};
    return put(b, 2);
}

PayloadWriter& PayloadWriter::u32(std::uint32_t v) {
    std::uint8_t b[4];
    for (int i = 0; i < 4; ++i) b[i] = static_cast<std::uint8_t>(v >> (8 * i));
    return put(b, 4);
}

PayloadWriter& PayloadWriter::u64(std::uint64_t v) {
    std::uint8_t b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<std::uint8_t>(v >> (8 * i));
    return put(b, 8);
}

PayloadWriter& PayloadWriter::str(std::string_view s) {
    if (s.size() > 0xFFFF) {
        ok_ = false;
        return *this;
    }
    u16(static_cast<std::uint16_t>(s.size()));
    return put(s.data(), s.size());
}

const std::uint8_t* PayloadReader::take(std::size_t n) {
    if (!ok_ || at_ + n > frame_.length) {
        ok_ = false;
        return nullptr;
    }
    const std::uint8_t* p = frame_.payload.data() + at_;
    at_ += n;
    return p;
}

std::uint8_t PayloadReader::u8() {
    const std::uint8_t* p = take(1);
    return p ? p[0] : 0;
}

std::uint16_t PayloadReader::u16() {
    const std::uint8_t* p = take(2);
    return p ? static_cast<std::uint16_t>(p[0] | (p[1] << 8)) : 0;
}

std::uint32_t PayloadReader::u32() {
    const std::uint8_t* p = take(4);
    std::uint32_t v = 0;
    if (p)
        for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(p[i]) << (8 * i);
    return v;
}

std::uint64_t PayloadReader::u64() {
    const std::uint8_t* p = take(8);
    std::uint64_t v = 0;
    if (p)
        for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
    return v;
}

std::string_view PayloadReader::str() {
    const std::uint16_t n = u16();
    const std::uint8_t* p = take(n);
    return p ? std::string_view(reinterpret_cast<const char*>(p), n) : std::string_view();
}

std::string_view PayloadReader::rest() {
    const std::size_t n = ok_ ? frame_.length - at_ : 0;
    const std::uint8_t* p = take(n);
    return p ? std::string_view(reinterpret_cast<const char*>(p), n) : std::string_view();
}

} // namespace ringside::hil
