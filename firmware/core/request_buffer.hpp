#pragma once
// Where the firmware writes a request's form body or Authorization header just before
// hal::HttpClient::send(), which copies what it keeps. The firmware runs to completion, so no
// two requests are ever built at once: the Speaker owns one buffer for the auth client, the
// settings download and the voice assistant instead of one each (on a 128 KB
// microcontroller that is 4 KiB saved twice over). It holds tokens while in use, so whoever
// built a request wipes it once send() has returned; nothing keeps a view into it.
// Who may call: the request builders, from dispatch.
#include <array>
#include <cstddef>

namespace ringside::fw {

class RequestBuffer {
public:
    // The largest request part built in it: a settings form whose 2 KiB access token
    // percent-encodes past 2 KiB, or "Bearer " + that token.
    static constexpr std::size_t kSize = 4096;

    char* data() { return bytes_.data(); }
    static constexpr std::size_t size() { return kSize; }
    // Zeroes it in a way the compiler may not drop as a dead store.
    void wipe() {
        volatile char* p = bytes_.data();
        for (std::size_t i = 0; i < kSize; ++i) p[i] = 0;
    }

private:
    std::array<char, kSize> bytes_{};
};

} // namespace ringside::fw
