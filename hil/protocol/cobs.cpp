#include "hil/protocol/cobs.hpp"

namespace ringside::hil {

std::size_t cobs_encode(const std::uint8_t* data, std::size_t length, std::uint8_t* out, std::size_t capacity) {
    if (capacity < cobs_max_encoded(length)) return 0;
    std::size_t code_at = 0, written = 1;
    std::uint8_t code = 1;
    for (std::size_t i = 0; i < length; ++i) {
        if (data[i] == 0) {
            out[code_at] = code;
            code_at = written++;
            code = 1;
            continue;
        }
        out[written++] = data[i];
        if (++code == 0xFF) {  // a full block of 254 non-zero bytes: start a new code
            out[code_at] = code;
            code_at = written++;
            code = 1;
        }
    }
    out[code_at] = code;
    return written;
}

std::size_t cobs_decode(const std::uint8_t* data, std::size_t length, std::uint8_t* out, std::size_t capacity) {
    std::size_t read = 0, written = 0;
    while (read < length) {
        const std::uint8_t code = data[read++];
        if (code == 0 || read + code - 1 > length) return 0;
        for (std::uint8_t i = 1; i < code; ++i) {
            if (data[read] == 0 || written >= capacity) return 0;
            out[written++] = data[read++];
        }
        // A code below 0xFF stands for a zero, except at the very end of the frame.
        if (code != 0xFF && read < length) {
            if (written >= capacity) return 0;
            out[written++] = 0;
        }
    }
    return written;
}

} // namespace ringside::hil
