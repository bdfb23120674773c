// The simulator's at-rest crypto: AES-GCM against the GCM specification's test vectors
// (McGrew & Viega, "The Galois/Counter Mode of Operation", as used by NIST's GCMVS), the
// device cipher's seal/open contract, and a flash that never holds a secret in the clear.
#include <catch2/catch.hpp>

#include "home_world.hpp"

#include <algorithm>
#include <memory>
#include <string>

#include "firmware/auth/token_store.hpp"
#include "sim/board/virtual_flash.hpp"
#include "sim/crypto/aes_gcm.hpp"
#include "sim/crypto/virtual_crypto.hpp"
#include "sim/virtual_speaker.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using sim::crypto::Bytes;

namespace {

Bytes hex(const std::string& text) {
    Bytes out;
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(text.substr(i, 2), nullptr, 16)));
    return out;
}

struct Vector {
    const char* name;
    const char* key;
    const char* iv;
    const char* plain;
    const char* aad;
    const char* cipher;
    const char* tag;
};

const Vector kVectors[] = {
    {"test case 1 (AES-128, empty)", "00000000000000000000000000000000", "000000000000000000000000", "", "", "",
     "58e2fccefa7e3061367f1d57a4e7455a"},
    {"test case 2 (AES-128, one block)", "00000000000000000000000000000000", "000000000000000000000000",
     "00000000000000000000000000000000", "", "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"},
    {"test case 3 (AES-128, four blocks)", "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
     "",
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
     "4d5c2af327cd64a62cf35abd2ba6fab4"},
    {"test case 4 (AES-128, aad, partial block)", "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
     "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    {"test case 13 (AES-256, empty)", "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"},
    {"test case 14 (AES-256, one block)", "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", "00000000000000000000000000000000", "", "cea7403d4d606b6e074ec5d3baf39d18",
     "d0d1c8a799996bf0265b98b5d48ab919"},
};

sim::WorldConfig home_world() { return sim::test::home_world(9, sim::test::jane(), "wifi-secret-password"); }

bool flash_contains(sim::VirtualSpeaker& world, const std::string& text) {
    const auto& bytes = world.flash().contents();
    return std::search(bytes.begin(), bytes.end(), text.begin(), text.end()) != bytes.end();
}

std::string stored_refresh_token(sim::VirtualSpeaker& world) {
    auto credentials = std::make_unique<fw::StoredCredentials>();
    auto store = std::make_unique<fw::TokenStore>(world.flash(), world.device_crypto());
    if (!store->load(*credentials)) return {};
    return std::string(credentials->refresh_token.view());
}

} // namespace

TEST_CASE("AES-GCM matches the GCM specification's test vectors", "[sim][crypto]") {
    for (const Vector& v : kVectors) {
        CAPTURE(v.name);
        Bytes cipher, tag;
        REQUIRE(sim::crypto::aes_gcm_encrypt(hex(v.key), hex(v.iv), hex(v.aad), hex(v.plain), cipher, tag));
        CHECK(cipher == hex(v.cipher));
        CHECK(tag == hex(v.tag));
        Bytes plain;
        REQUIRE(sim::crypto::aes_gcm_decrypt(hex(v.key), hex(v.iv), hex(v.aad), hex(v.cipher), hex(v.tag), plain));
        CHECK(plain == hex(v.plain));
        // A flipped tag bit fails to open and yields nothing.
        Bytes bad_tag = hex(v.tag);
        bad_tag[0] ^= 1;
        CHECK_FALSE(sim::crypto::aes_gcm_decrypt(hex(v.key), hex(v.iv), hex(v.aad), hex(v.cipher), bad_tag, plain));
        CHECK(plain.empty());
    }
}

TEST_CASE("the device cipher seals in place, opens only untouched bytes under the same aad", "[sim][crypto]") {
    sim::VirtualCrypto crypto(1, "RS0000000001");
    const std::string secret = "Atzr|very-secret-refresh-token";
    std::uint8_t buffer[128] = {};
    std::copy(secret.begin(), secret.end(), buffer);
    const std::uint8_t aad[] = {1, 0, 7, 0, 0, 0};
    const std::size_t sealed = crypto.seal(buffer, secret.size(), sizeof buffer, aad, sizeof aad);
    REQUIRE(sealed == secret.size() + hal::Crypto::kOverhead);
    CHECK(std::search(buffer, buffer + sealed, secret.begin(), secret.end()) == buffer + sealed);

    std::uint8_t copy[128];
    std::copy(buffer, buffer + sizeof buffer, copy);
    REQUIRE(crypto.open(copy, sealed, aad, sizeof aad) == secret.size());
    CHECK(std::string(copy, copy + secret.size()) == secret);

    std::copy(buffer, buffer + sizeof buffer, copy);
    copy[hal::Crypto::kNonceSize + 3] ^= 0x10;  // a torn or tampered byte
    CHECK(crypto.open(copy, sealed, aad, sizeof aad) == 0);

    std::copy(buffer, buffer + sizeof buffer, copy);
    const std::uint8_t other_sequence[] = {1, 0, 8, 0, 0, 0};
    CHECK(crypto.open(copy, sealed, other_sequence, sizeof other_sequence) == 0);

    std::copy(buffer, buffer + sizeof buffer, copy);
    sim::VirtualCrypto other_device(1, "RS0000000002");
    CHECK(other_device.open(copy, sealed, aad, sizeof aad) == 0);

    CHECK(crypto.seal(buffer, 100, 100 + hal::Crypto::kOverhead - 1, aad, sizeof aad) == 0);  // no room
}

TEST_CASE("the flash never holds the refresh token or Wi-Fi password in clear", "[sim][crypto][storage]") {
    sim::VirtualSpeaker world(home_world());
    world.power_on();
    REQUIRE(world.run_until(world.now() + 10s, [&] { return world.device_state() == fw::DeviceState::Setup; }));
    world.provision("Home", "wifi-secret-password", "jane");
    REQUIRE(world.run_until(world.now() + 1min, [&] { return !world.user_code().empty(); }));
    REQUIRE(world.approve_shown_code("jane") == cloud::ApprovalResult::Approved);
    REQUIRE(world.run_until(world.now() + 1min, [&] { return world.device_state() == fw::DeviceState::Linked; }));

    const std::string first = stored_refresh_token(world);
    REQUIRE_FALSE(first.empty());
    CHECK_FALSE(flash_contains(world, first));
    CHECK_FALSE(flash_contains(world, "wifi-secret-password"));
    CHECK_FALSE(flash_contains(world, first.substr(0, 12)));  // not even a prefix

    world.advance(2h);  // two refreshes, each rotating the token and committing
    const std::string rotated = stored_refresh_token(world);
    REQUIRE_FALSE(rotated.empty());
    REQUIRE(rotated != first);
    CHECK_FALSE(flash_contains(world, rotated));
    CHECK_FALSE(flash_contains(world, "wifi-secret-password"));

    // And it still boots from what it sealed.
    world.power_off();
    world.power_on();
    CHECK(world.run_until(world.now() + 1min, [&] {
        return world.device_state() == fw::DeviceState::Linked && world.auth_state() == fw::AuthState::Linked;
    }));
}
