// The seeded generator (common/prng.hpp) every reproducible draw comes from: the cloud's
// seeded codes and fault draws, the world's noise and hal::Random, the board kit's.
#include <catch2/catch.hpp>

#include <set>

#include "common/prng.hpp"

using namespace ringside::common;

TEST_CASE("the PRNG is a fixed function of its seed", "[common][prng]") {
    Prng a(7), b(7), c(8);
    bool differs = false;
    for (int i = 0; i < 16; ++i) {
        const auto x = a.next();
        CHECK(x == b.next());
        differs = differs || x != c.next();
    }
    CHECK(differs);
    // Pinned (values from an independent implementation of splitmix64-seeded xoshiro256**)
    // so a change to the generator, which would change every scenario's codes, is noticed.
    Prng pinned(1);
    CHECK(pinned.next() == 0xb3f2af6d0fc710c5ULL);
    CHECK(pinned.next() == 0x853b559647364ceaULL);
    CHECK(pinned.next() == 0x92f89756082a4514ULL);
}

TEST_CASE("bounded draws stay in range and reach every value", "[common][prng]") {
    Prng prng(3);
    std::set<std::uint32_t> seen;
    for (int i = 0; i < 2000; ++i) {
        const auto v = prng.below(20);
        REQUIRE(v < 20);
        seen.insert(v);
    }
    CHECK(seen.size() == 20);
    CHECK(prng.below(1) == 0);
}

TEST_CASE("splitmix64 advances its state and is pinned", "[common][prng]") {
    std::uint64_t state = 0;
    CHECK(splitmix64(state) == 0xe220a8397b1dcdafULL);
    CHECK(state == 0x9e3779b97f4a7c15ULL);
    CHECK(splitmix64(state) == 0x6e789e6aa1b965f4ULL);
}
