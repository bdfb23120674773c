#pragma once
// Where the cloud draws its codes and tokens (user codes, device codes, access and refresh
// tokens). Two kinds, fixed at construction:
//   seeded — the project's PRNG (common/prng.hpp) from a seed: the in-process cloud of a
//            scenario and `ringside cloud --seed N`, so the same seed gives the same codes;
//   os     — the operating system's CSPRNG (getrandom(2)), 256 bytes per call: `ringside cloud`
//            without --seed, a server offered to outside clients, whose codes must not be
//            predictable from earlier ones or the same on every start (RFC 6749 §10.10,
//            RFC 8628 §5.2).
// Who may call: the code and token generators (user_code.hpp, opaque_token.hpp) through
// ServiceState::codes.
#include <array>
#include <cstddef>
#include <cstdint>

#include "common/prng.hpp"

namespace ringside::cloud {

class CodeSource {
public:
    explicit CodeSource(std::uint64_t seed) : prng_(seed) {}
    // A copy never shares drawn OS words (two sources must not hand out the same codes): it
    // starts with an empty pool.
    CodeSource(const CodeSource& other) : prng_(other.prng_), os_(other.os_) {}
    CodeSource& operator=(const CodeSource& other) {
        prng_ = other.prng_;
        os_ = other.os_;
        os_pool_left_ = 0;
        return *this;
    }
    static CodeSource os() {
        CodeSource source(0);
        source.os_ = true;
        return source;
    }

    bool seeded() const { return !os_; }
    std::uint64_t next();
    // Uniform in [0, bound); bound must be > 0. Rejection sampling, so no modulo bias.
    std::uint32_t below(std::uint32_t bound);

private:
    std::uint64_t os_word();

    common::Prng prng_;
    bool os_ = false;
    // A token takes a draw per character: one getrandom(2) per draw cost the token endpoint
    // ~90 system calls per answer. Drawn words are used once, front to back.
    std::array<std::uint64_t, 32> os_pool_{};
    std::size_t os_pool_left_ = 0;
};

} // namespace ringside::cloud
