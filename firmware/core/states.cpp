#include "firmware/core/states.hpp"

#include <array>
#include <cstddef>

namespace ringside::fw {
namespace {

// One table per enum, indexed by the enumerator, so to_string and parse cannot drift apart.
constexpr std::array<std::string_view, 7> kDeviceNames = {
    "off", "booting", "setup", "joining_wifi", "authorizing", "linked", "error"};
constexpr std::array<std::string_view, 7> kAuthNames = {
    "unlinked", "discovering", "requesting_code", "awaiting_approval", "linked", "expired", "failed"};
constexpr std::array<std::string_view, 12> kRingNames = {
    "off", "booting", "setup", "authorizing", "listening",
    "thinking", "speaking", "mic_off", "error", "wifi_error", "volume", "signed_out"};

static_assert(static_cast<std::size_t>(DeviceState::Error) + 1 == kDeviceNames.size());
static_assert(static_cast<std::size_t>(AuthState::Failed) + 1 == kAuthNames.size());
static_assert(static_cast<std::size_t>(RingPattern::SignedOut) + 1 == kRingNames.size());

template <std::size_t N, typename Enum>
std::string_view name_of(const std::array<std::string_view, N>& names, Enum value) {
    const auto index = static_cast<std::size_t>(value);
    return index < N ? names[index] : std::string_view("unknown");
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Scenario authors write "Linked" as often as "linked"; both mean the same state.
bool same_name(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

template <std::size_t N, typename Enum>
bool parse_from(const std::array<std::string_view, N>& names, std::string_view name, Enum& out) {
    for (std::size_t i = 0; i < N; ++i) {
        if (same_name(names[i], name)) {
            out = static_cast<Enum>(i);
            return true;
        }
    }
    return false;
}

} // namespace

std::string_view to_string(DeviceState s) { return name_of(kDeviceNames, s); }
std::string_view to_string(AuthState s) { return name_of(kAuthNames, s); }
std::string_view to_string(RingPattern p) { return name_of(kRingNames, p); }

bool parse(std::string_view name, DeviceState& out) { return parse_from(kDeviceNames, name, out); }
bool parse(std::string_view name, AuthState& out) { return parse_from(kAuthNames, name, out); }
bool parse(std::string_view name, RingPattern& out) { return parse_from(kRingNames, name, out); }

} // namespace ringside::fw
