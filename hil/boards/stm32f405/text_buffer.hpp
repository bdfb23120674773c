#pragma once
// A fixed-capacity text builder for the port's own messages (Fault texts, the board id, the
// build id): no heap and no printf (newlib-nano's costs kilobytes of flash and may want the
// heap this board does not have). Text past the capacity is dropped, never overflowed.
// Who may call: anyone in the port, including fault handlers (it never faults itself).
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ringside::stm32f405 {

template <std::size_t Capacity>
class TextBuffer {
public:
    TextBuffer& add(std::string_view text) {
        for (char c : text) put(c);
        return *this;
    }
    // Unsigned decimal.
    TextBuffer& dec(std::uint32_t value) {
        char digits[10];
        std::size_t n = 0;
        do {
            digits[n++] = static_cast<char>('0' + value % 10);
            value /= 10;
        } while (value != 0);
        while (n > 0) put(digits[--n]);
        return *this;
    }
    // "0x" and eight lower-case hex digits: how addresses and registers read in a map file.
    TextBuffer& hex32(std::uint32_t value) {
        add("0x");
        for (int shift = 28; shift >= 0; shift -= 4) put(kDigits[(value >> shift) & 0xF]);
        return *this;
    }
    // Two hex digits per byte, no prefix (a build id, a unique device id).
    TextBuffer& hex_bytes(const std::uint8_t* bytes, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) put(kDigits[bytes[i] >> 4]).put(kDigits[bytes[i] & 0xF]);
        return *this;
    }

    std::string_view view() const { return {text_, size_}; }
    void clear() { size_ = 0; }

private:
    static constexpr char kDigits[] = "0123456789abcdef";
    TextBuffer& put(char c) {
        if (size_ < Capacity) text_[size_++] = c;
        return *this;
    }
    char text_[Capacity] = {};
    std::size_t size_ = 0;
};

} // namespace ringside::stm32f405
