// SHA-1, HMAC-SHA1 and TOTP against the RFCs' own test vectors.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "cloud/verification/sha1.hpp"
#include "cloud/verification/totp.hpp"

using namespace ringside::cloud;
using namespace std::chrono_literals;

namespace {
std::string hex(const Sha1Digest& d) {
    std::string out;
    char buf[3];
    for (std::uint8_t b : d) {
        std::snprintf(buf, sizeof buf, "%02x", b);
        out += buf;
    }
    return out;
}
} // namespace

TEST_CASE("SHA-1 matches the RFC 3174 test vectors", "[cloud][totp]") {
    CHECK(hex(sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(hex(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    CHECK(hex(sha1(std::string(1000000, 'a'))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    std::string repeated;
    for (int i = 0; i < 10; ++i) repeated += "0123456701234567012345670123456701234567012345670123456701234567";
    CHECK(hex(sha1(repeated)) == "dea356a2cddd90c7a7ecedc5ebb563934f460452");
    CHECK(hex(sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

TEST_CASE("HMAC-SHA1 matches the RFC 2202 test vectors", "[cloud][totp]") {
    CHECK(hex(hmac_sha1(std::string(20, '\x0b'), "Hi There")) == "b617318655057264e28bc0b6fb378c8ef146be00");
    CHECK(hex(hmac_sha1("Jefe", "what do ya want for nothing?")) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    CHECK(hex(hmac_sha1(std::string(20, '\xaa'), std::string(50, '\xdd'))) ==
          "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
    // Keys longer than the block are hashed first.
    CHECK(hex(hmac_sha1(std::string(80, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
          "aa4ae5e15272d00e95705637ce8a3b55ed402112");
}

TEST_CASE("TOTP matches the RFC 6238 appendix B SHA-1 vectors", "[cloud][totp]") {
    const std::string secret = "12345678901234567890";
    CHECK(totp(secret, 59s, 8) == "94287082");
    CHECK(totp(secret, 1111111109s, 8) == "07081804");
    CHECK(totp(secret, 1111111111s, 8) == "14050471");
    CHECK(totp(secret, 1234567890s, 8) == "89005924");
    CHECK(totp(secret, 2000000000s, 8) == "69279037");
    CHECK(totp(secret, 20000000000s, 8) == "65353130");
    // RFC 4226 appendix D: HOTP, 6 digits.
    CHECK(hotp(secret, 0) == "755224");
    CHECK(hotp(secret, 9) == "520489");
}

TEST_CASE("a code is accepted for its step and one step after, then expired", "[cloud][totp]") {
    const std::string secret = "12345678901234567890";
    const std::string code = totp(secret, 300s);  // the 6-digit code of step 10
    CHECK(check_totp(secret, code, 300s) == TotpCheck::Accepted);
    CHECK(check_totp(secret, code, 329s) == TotpCheck::Accepted);
    CHECK(check_totp(secret, code, 359s) == TotpCheck::Accepted);
    CHECK(check_totp(secret, code, 360s) == TotpCheck::Expired);
    CHECK(check_totp(secret, code, 299s) == TotpCheck::Wrong);  // a code from the future
    std::string wrong = code;
    wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
    CHECK(check_totp(secret, wrong, 300s) == TotpCheck::Wrong);
    CHECK(check_totp(secret, "", 300s) == TotpCheck::Wrong);
    CHECK(check_totp(secret, "12345a", 300s) == TotpCheck::Wrong);
}

TEST_CASE("derived secrets depend on seed and account, and are stable", "[cloud][totp]") {
    CHECK(derive_totp_secret(7, "jane") == derive_totp_secret(7, "jane"));
    CHECK(derive_totp_secret(7, "jane") != derive_totp_secret(8, "jane"));
    CHECK(derive_totp_secret(7, "jane") != derive_totp_secret(7, "joe"));
    CHECK(derive_totp_secret(7, "jane").size() == 20);
}
