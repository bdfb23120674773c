#include "cloud/oauth/code_source.hpp"

#include <cerrno>
#include <cstdlib>
#include <sys/random.h>

namespace ringside::cloud {
namespace {

std::uint64_t os_word() {
    std::uint64_t word = 0;
    auto* bytes = reinterpret_cast<unsigned char*>(&word);
    std::size_t have = 0;
    while (have < sizeof word) {
        const ssize_t got = getrandom(bytes + have, sizeof word - have, 0);
        if (got > 0) {
            have += static_cast<std::size_t>(got);
        } else if (got < 0 && errno != EINTR) {
            // No kernel randomness: handing out guessable codes instead would be worse than
            // stopping the server.
            std::abort();
        }
    }
    return word;
}

} // namespace

std::uint64_t CodeSource::next() { return os_ ? os_word() : prng_.next(); }

std::uint32_t CodeSource::below(std::uint32_t bound) {
    if (!os_) return prng_.below(bound);
    // Words below 2^32 mod bound are drawn again, so every residue is equally likely.
    const std::uint32_t limit = static_cast<std::uint32_t>(-bound) % bound;
    for (;;) {
        const auto word = static_cast<std::uint32_t>(os_word() >> 32);
        if (word >= limit) return word % bound;
    }
}

} // namespace ringside::cloud
