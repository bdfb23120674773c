// The kit's software AES-GCM against the GCM specification's known answers (the table the
// simulator's libcrypto is checked against) and against libcrypto itself on random inputs;
// and the kit's device crypto against VirtualCrypto: the same seed and serial give the same
// sealed bytes, seal after seal, and each opens what the other sealed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "common/prng.hpp"
#include "gcm_vectors.hpp"
#include "hil/boards/common/aes_gcm.hpp"
#include "hil/boards/common/kit_crypto.hpp"
#include "sim/crypto/aes_gcm.hpp"
#include "sim/crypto/virtual_crypto.hpp"

using namespace ringside;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes random_bytes(common::Prng& draw, std::size_t n) {
    Bytes b(n);
    for (auto& x : b) x = static_cast<std::uint8_t>(draw.next() >> 56);
    return b;
}

} // namespace

TEST_CASE("kit AES-GCM gives the GCM specification's ciphertexts and tags, and refuses a flipped bit",
          "[boards][crypto]") {
    for (const test::GcmVector& v : test::kGcmVectors) {
        CAPTURE(v.name);
        const Bytes key = test::from_hex(v.key), iv = test::from_hex(v.iv), plain = test::from_hex(v.plain),
                    aad = test::from_hex(v.aad), cipher = test::from_hex(v.cipher), tag = test::from_hex(v.tag);
        kit::aes::AesGcm gcm;
        REQUIRE(gcm.set_key(key.data(), key.size()));
        Bytes out(plain.size()), got_tag(kit::aes::kTagSize);
        REQUIRE(gcm.seal(iv.data(), aad.data(), aad.size(), plain.data(), out.data(), plain.size(), got_tag.data()));
        CHECK(out == cipher);
        CHECK(got_tag == tag);

        Bytes opened = cipher;
        REQUIRE(gcm.open(iv.data(), aad.data(), aad.size(), opened.data(), opened.data(), opened.size(), tag.data()));
        CHECK(opened == plain);

        Bytes bad_tag = tag;
        bad_tag[15] ^= 0x80;
        Bytes untouched = cipher;
        CHECK_FALSE(gcm.open(iv.data(), aad.data(), aad.size(), untouched.data(), untouched.data(), untouched.size(),
                             bad_tag.data()));
        CHECK(untouched == cipher);  // no plaintext written
        if (!cipher.empty()) {
            untouched[0] ^= 1;
            CHECK_FALSE(gcm.open(iv.data(), aad.data(), aad.size(), untouched.data(), untouched.data(), untouched.size(),
                                 tag.data()));
        }
    }
    kit::aes::AesGcm no_key;
    const std::uint8_t key24[24] = {};
    CHECK_FALSE(no_key.set_key(key24, sizeof key24));  // AES-192 is not needed on the board
    std::uint8_t nonce[12] = {}, tag[16] = {};
    CHECK_FALSE(no_key.seal(nonce, nullptr, 0, nullptr, nullptr, 0, tag));
}

TEST_CASE("kit AES-GCM agrees with libcrypto on random keys, nonces, aad and lengths", "[boards][crypto]") {
    common::Prng draw(2024);
    for (int round = 0; round < 300; ++round) {
        const std::size_t key_size = draw.below(2) == 0 ? 16 : 32;
        const Bytes key = random_bytes(draw, key_size), nonce = random_bytes(draw, 12),
                    aad = random_bytes(draw, draw.below(40)), plain = random_bytes(draw, draw.below(700));
        CAPTURE(round, key_size, aad.size(), plain.size());
        Bytes want_cipher, want_tag;
        REQUIRE(sim::crypto::aes_gcm_encrypt(key, nonce, aad, plain, want_cipher, want_tag));
        kit::aes::AesGcm gcm;
        REQUIRE(gcm.set_key(key.data(), key.size()));
        Bytes buffer = plain, tag(16);
        REQUIRE(gcm.seal(nonce.data(), aad.data(), aad.size(), buffer.data(), buffer.data(), buffer.size(), tag.data()));
        REQUIRE(buffer == want_cipher);
        REQUIRE(tag == want_tag);
    }
}

TEST_CASE("the kit's device crypto seals the same bytes as VirtualCrypto for the same seed and serial",
          "[boards][crypto]") {
    for (std::uint64_t seed : {1u, 9u, 123456789u}) {
        for (const char* serial : {"RS0000000001", "", "EMU0000000001"}) {
            CAPTURE(seed, serial);
            sim::VirtualCrypto on_sim(seed, serial);
            kit::KitCrypto on_kit(seed, serial);
            common::Prng draw(seed + 17);
            // A run of seals, as a token store commits again and again: the nonce sequence too.
            for (int i = 0; i < 20; ++i) {
                const std::size_t length = draw.below(600);
                const Bytes plain = random_bytes(draw, length), aad = random_bytes(draw, draw.below(12));
                std::vector<std::uint8_t> a(length + 64, 0xEE), b(length + 64, 0xEE);
                std::copy(plain.begin(), plain.end(), a.begin());
                std::copy(plain.begin(), plain.end(), b.begin());
                const std::size_t sealed_sim = on_sim.seal(a.data(), length, a.size(), aad.data(), aad.size());
                const std::size_t sealed_kit = on_kit.seal(b.data(), length, b.size(), aad.data(), aad.size());
                REQUIRE(sealed_sim == length + hal::Crypto::kOverhead);
                REQUIRE(sealed_kit == sealed_sim);
                REQUIRE(b == a);  // the whole buffer, past the sealed bytes too

                // Each opens the other's, and leaves the buffer as the other leaves it.
                std::vector<std::uint8_t> sim_opens = b, kit_opens = a;
                REQUIRE(on_sim.open(sim_opens.data(), sealed_kit, aad.data(), aad.size()) == length);
                REQUIRE(on_kit.open(kit_opens.data(), sealed_sim, aad.data(), aad.size()) == length);
                REQUIRE(kit_opens == sim_opens);
                REQUIRE(std::equal(plain.begin(), plain.end(), kit_opens.begin()));
            }
        }
    }
}

TEST_CASE("the kit's device crypto refuses what VirtualCrypto refuses, leaving the bytes alone", "[boards][crypto]") {
    sim::VirtualCrypto on_sim(3, "RS0000000001");
    kit::KitCrypto on_kit(3, "RS0000000001");
    const std::string secret = "Atzr|very-secret-refresh-token";
    const std::uint8_t aad[] = {1, 0, 7, 0, 0, 0};

    // No room: refused before a nonce is drawn, so the next seals still agree.
    std::array<std::uint8_t, 100> small{};
    CHECK(on_kit.seal(small.data(), 100, 100 + hal::Crypto::kOverhead - 1, aad, sizeof aad) == 0);
    CHECK(on_sim.seal(small.data(), 100, 100 + hal::Crypto::kOverhead - 1, aad, sizeof aad) == 0);

    std::array<std::uint8_t, 128> a{}, b{};
    std::copy(secret.begin(), secret.end(), a.begin());
    std::copy(secret.begin(), secret.end(), b.begin());
    const std::size_t sealed = on_kit.seal(a.data(), secret.size(), a.size(), aad, sizeof aad);
    REQUIRE(on_sim.seal(b.data(), secret.size(), b.size(), aad, sizeof aad) == sealed);
    REQUIRE(a == b);
    CHECK(std::search(a.begin(), a.end(), secret.begin(), secret.end()) == a.end());  // nothing in clear

    for (std::size_t at : {std::size_t{0}, std::size_t{5}, hal::Crypto::kNonceSize + 3, sealed - 1}) {
        CAPTURE(at);
        auto torn = a;
        torn[at] ^= 0x10;
        const auto before = torn;
        CHECK(on_kit.open(torn.data(), sealed, aad, sizeof aad) == 0);
        CHECK(torn == before);
    }
    auto other_aad = a;
    const std::uint8_t other_sequence[] = {1, 0, 8, 0, 0, 0};
    CHECK(on_kit.open(other_aad.data(), sealed, other_sequence, sizeof other_sequence) == 0);
    auto other_device = a;
    kit::KitCrypto elsewhere(3, "RS0000000002");
    CHECK(elsewhere.open(other_device.data(), sealed, aad, sizeof aad) == 0);
    CHECK(on_kit.open(a.data(), hal::Crypto::kOverhead - 1, aad, sizeof aad) == 0);
}
