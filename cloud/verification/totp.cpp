#include "cloud/verification/totp.hpp"

#include "cloud/verification/sha1.hpp"

namespace ringside::cloud {
namespace {

constexpr int kExpiredStepsRecognised = 10;

std::uint64_t step_of(std::chrono::milliseconds unix_time) {
    const auto ms = unix_time.count() < 0 ? 0 : unix_time.count();
    return static_cast<std::uint64_t>(ms) / static_cast<std::uint64_t>(
                                                std::chrono::duration_cast<std::chrono::milliseconds>(kTotpStep).count());
}

} // namespace

std::string hotp(std::string_view secret, std::uint64_t counter, int digits) {
    std::string message(8, '\0');
    for (int i = 7; i >= 0; --i) {
        message[static_cast<std::size_t>(i)] = static_cast<char>(counter & 0xFF);
        counter >>= 8;
    }
    const Sha1Digest mac = hmac_sha1(secret, message);
    // Dynamic truncation (RFC 4226 §5.3).
    const int offset = mac[19] & 0x0F;
    const std::uint32_t binary = (std::uint32_t{mac[offset] & 0x7Fu} << 24) | (std::uint32_t{mac[offset + 1]} << 16) |
                                 (std::uint32_t{mac[offset + 2]} << 8) | std::uint32_t{mac[offset + 3]};
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i) modulus *= 10;
    std::string code = std::to_string(binary % modulus);
    return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::string totp(std::string_view secret, std::chrono::milliseconds unix_time, int digits) {
    return hotp(secret, step_of(unix_time), digits);
}

TotpCheck check_totp(std::string_view secret, std::string_view code, std::chrono::milliseconds unix_time,
                     std::uint64_t* matched_step) {
    if (code.size() != static_cast<std::size_t>(kTotpDigits)) return TotpCheck::Wrong;
    const std::uint64_t now = step_of(unix_time);
    for (int back = 0; back <= kExpiredStepsRecognised && static_cast<std::uint64_t>(back) <= now; ++back) {
        if (hotp(secret, now - static_cast<std::uint64_t>(back)) == code) {
            if (matched_step) *matched_step = now - static_cast<std::uint64_t>(back);
            return back <= kTotpStepsBack ? TotpCheck::Accepted : TotpCheck::Expired;
        }
    }
    return TotpCheck::Wrong;
}

std::string derive_totp_secret(std::uint64_t seed, std::string_view account_id) {
    std::string material = "ringside-totp:" + std::to_string(seed) + ":";
    material.append(account_id);
    const Sha1Digest digest = sha1(material);
    return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

} // namespace ringside::cloud
