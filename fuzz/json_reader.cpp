// The firmware's JSON reader on any bytes: every getter on every key the firmware reads,
// and on keys taken from the input itself. ASan/UBSan and the reader's own promise (never
// write past the buffer, lengths within capacity) are the oracle.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "firmware/core/json_reader.hpp"

namespace {

constexpr std::string_view kKeys[] = {"access_token", "refresh_token", "token_type", "expires_in", "interval",
                                      "device_code",  "user_code",     "verification_uri", "error", "issuer",
                                      "token_endpoint", "device_authorization_endpoint", "speech", "member", ""};

void read_all(const ringside::fw::JsonReader& reader, std::string_view key) {
    char out[64];
    std::size_t length = 99;
    if (reader.get_string(key, out, sizeof out, length) && length > sizeof out) __builtin_trap();
    if (auto n = reader.string_length(key); n && reader.get_string(key, out, sizeof out, length) && *n != length)
        __builtin_trap();
    (void)reader.type(key);
    (void)reader.has(key);
    (void)reader.get_int(key);
    (void)reader.raw(key);
    ringside::fw::FixedString<16> small;
    (void)reader.get_string(key, small);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const ringside::fw::JsonReader reader(text);
    for (std::string_view key : kKeys) read_all(reader, key);
    // A key from the input: the first 8 bytes, so the fuzzer can learn keys of its own.
    read_all(reader, text.substr(0, 8));
    return 0;
}
