#pragma once
// Reading and writing a frame's payload field by field: little-endian integers and
// length-prefixed (u16) strings, bounds-checked both ways. A reader that runs past the end,
// or a writer that would overflow, turns "bad" and stays bad, so a message codec checks
// once at the end instead of after every field. Portable: no heap, no exceptions.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "hil/protocol/frame.hpp"

namespace ringside::hil {

class PayloadWriter {
public:
    explicit PayloadWriter(Frame& frame) : frame_(frame) { frame_.length = 0; }
    PayloadWriter& u8(std::uint8_t v) { return put(&v, 1); }
    PayloadWriter& u16(std::uint16_t v);
    PayloadWriter& u32(std::uint32_t v);
    PayloadWriter& u64(std::uint64_t v);
    PayloadWriter& str(std::string_view s);  // u16 length, then the bytes
    PayloadWriter& bytes(const void* data, std::size_t n) { return put(data, n); }  // no length: the rest
    bool ok() const { return ok_; }

private:
    PayloadWriter& put(const void* data, std::size_t n);
    Frame& frame_;
    bool ok_ = true;
};

class PayloadReader {
public:
    explicit PayloadReader(const Frame& frame) : frame_(frame) {}
    std::uint8_t u8();
    std::uint16_t u16();
    std::uint32_t u32();
    std::uint64_t u64();
    std::string_view str();  // a view into the frame: valid while the frame is
    std::string_view rest();  // every byte left (a `bytes` field), as a view into the frame
    // Every field read, nothing left over, nothing read past the end.
    bool ok_and_done() const { return ok_ && at_ == frame_.length; }

private:
    const std::uint8_t* take(std::size_t n);
    const Frame& frame_;
    std::size_t at_ = 0;
    bool ok_ = true;
};

} // namespace ringside::hil
