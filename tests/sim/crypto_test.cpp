// The simulator's at-rest crypto: AES-GCM against the GCM specification's test vectors
// (McGrew & Viega, "The Galois/Counter Mode of Operation", as used by NIST's GCMVS; the
// table in tests/gcm_vectors.hpp, which the board kit's AES-GCM is held to as well), the
// device cipher's seal/open contract, and a flash that never holds a secret in the clear.
#include <catch2/catch.hpp>

#include "gcm_vectors.hpp"
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
    const auto hex = [](const char* text) { return test::from_hex(text); };
    for (const test::GcmVector& v : test::kGcmVectors) {
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
