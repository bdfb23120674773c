#pragma once
// A string with its storage inline: the firmware's replacement for std::string (no heap
// after start-up). Capacity N is in chars; every write is bounds-checked and either fits
// whole or leaves the contents as they were (append_clipped being the one exception).
// Who may call: any firmware module.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ringside::fw {

// Copies `text` into buffer[at, capacity) and sets size = at + copied. All or nothing
// unless `clip`, which copies what fits. Out of line on purpose: one copy of the code for
// every N, and GCC 12's -Warray-bounds cannot misjudge the bounds check once inlined.
bool text_copy(char* buffer, std::size_t capacity, std::size_t& size, std::size_t at, std::string_view text,
               bool clip);

template <std::size_t N>
class FixedString {
public:
    static constexpr std::size_t kCapacity = N;

    FixedString() = default;

    bool assign(std::string_view text) { return text_copy(data_, N, size_, 0, text, false); }

    bool append(std::string_view text) { return text_copy(data_, N, size_, size_, text, false); }

    // For human-readable text (trace details) where a clipped line beats none.
    // Returns false when something was cut off.
    bool append_clipped(std::string_view text) { return text_copy(data_, N, size_, size_, text, true); }

    bool push_back(char c) {
        if (size_ == N) return false;
        data_[size_++] = c;
        return true;
    }

    bool append_decimal(std::uint64_t value) {
        char digits[20];
        std::size_t count = 0;
        do {
            digits[count++] = static_cast<char>('0' + value % 10);
            value /= 10;
        } while (value != 0);
        if (count > N - size_) return false;
        while (count != 0) data_[size_++] = digits[--count];
        return true;
    }

    void clear() { size_ = 0; }

    // Clears and overwrites the storage, for secrets (tokens, passwords) leaving RAM.
    void wipe() {
        volatile char* p = data_;
        for (std::size_t i = 0; i < N; ++i) p[i] = 0;
        size_ = 0;
    }

    // Raw access for decoders that fill the buffer in place: write at most capacity()
    // chars into write_buffer(), then set_size(). Until set_size the contents are undefined.
    char* write_buffer() { return data_; }
    bool set_size(std::size_t size) {
        if (size > N) return false;
        size_ = size;
        return true;
    }

    std::string_view view() const { return std::string_view(data_, size_); }
    const char* data() const { return data_; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    static constexpr std::size_t capacity() { return N; }

private:
    char data_[N == 0 ? 1 : N] = {};
    std::size_t size_ = 0;
};

} // namespace ringside::fw
