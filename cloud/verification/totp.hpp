#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 6 digits,
// 30 s steps counted from the Unix epoch. The mock cloud checks them on the verification
// page; the simulated user's authenticator app computes them. Times are milliseconds since
// the Unix epoch (the cloud's virtual now). Pure functions; anyone may call.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace ringside::cloud {

inline constexpr std::chrono::seconds kTotpStep{30};
inline constexpr int kTotpDigits = 6;
// Codes accepted besides the current step's: one step back, so a code typed just before a
// step boundary still works (RFC 6238 §5.2's recommended allowance). Older codes are
// refused as expired.
inline constexpr int kTotpStepsBack = 1;

// RFC 4226 §5.3 with `digits` decimal digits, zero-padded (RFC 6238's vectors use 8).
std::string hotp(std::string_view secret, std::uint64_t counter, int digits = kTotpDigits);
// The code of the 30 s step holding `unix_time`.
std::string totp(std::string_view secret, std::chrono::milliseconds unix_time, int digits = kTotpDigits);

enum class TotpCheck { Accepted, Expired, Wrong };
// Accepted: the current or an allowed earlier step's code. Expired: the code of an older step
// (up to 10 steps back are recognised as such). Wrong: anything else, including malformed.
// `matched_step`, when given, receives the 30 s step the code belongs to (for Accepted and
// Expired), so the verifier can refuse a code already used (RFC 6238 §5.2).
TotpCheck check_totp(std::string_view secret, std::string_view code, std::chrono::milliseconds unix_time,
                     std::uint64_t* matched_step = nullptr);

// A 20-byte secret for an account that configured none, derived from the world seed and the
// account id, so the same scenario seed always gives the same codes.
std::string derive_totp_secret(std::uint64_t seed, std::string_view account_id);

} // namespace ringside::cloud
