#include "cloud/oauth/code_source.hpp"

#include <cerrno>
#include <cstdlib>
#include <sys/random.h>

namespace ringside::cloud {

std::uint64_t CodeSource::os_word() {
    if (os_pool_left_ > 0) return os_pool_[os_pool_.size() - os_pool_left_--];
    auto* bytes = reinterpret_cast<unsigned char*>(os_pool_.data());
    const std::size_t wanted = sizeof os_pool_;
    std::size_t have = 0;
    // getrandom(2) returns up to 256 bytes whole once the pool is initialised; the loop
    // covers a signal or a short read.
    while (have < wanted) {
        const ssize_t got = getrandom(bytes + have, wanted - have, 0);
        if (got > 0) {
            have += static_cast<std::size_t>(got);
        } else if (got < 0 && errno != EINTR) {
            // No kernel randomness: handing out guessable codes instead would be worse than
            // stopping the server.
            std::abort();
        }
    }
    os_pool_left_ = os_pool_.size();
    return os_pool_[os_pool_.size() - os_pool_left_--];
}

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
