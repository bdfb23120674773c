#include <catch2/catch.hpp>

#include "firmware/core/states.hpp"

using namespace ringside::fw;

namespace {

template <typename Enum>
void round_trips(Enum last) {
    for (int i = 0; i <= static_cast<int>(last); ++i) {
        const auto value = static_cast<Enum>(i);
        const std::string_view name = to_string(value);
        CAPTURE(i, std::string(name));
        CHECK_FALSE(name.empty());
        CHECK(name != "unknown");
        Enum parsed{};
        REQUIRE(parse(name, parsed));
        CHECK(parsed == value);
    }
}

} // namespace

TEST_CASE("state and pattern names round-trip through to_string and parse", "[core][states]") {
    round_trips(DeviceState::Error);
    round_trips(AuthState::Failed);
    round_trips(RingPattern::WifiError);
}

TEST_CASE("state names are the snake_case names scenarios use", "[core][states]") {
    CHECK(to_string(DeviceState::JoiningWifi) == "joining_wifi");
    CHECK(to_string(AuthState::AwaitingApproval) == "awaiting_approval");
    CHECK(to_string(AuthState::RequestingCode) == "requesting_code");
    CHECK(to_string(RingPattern::MicOff) == "mic_off");
    CHECK(to_string(RingPattern::WifiError) == "wifi_error");
    CHECK(to_string(RingPattern::Off) == "off");
}

TEST_CASE("parse rejects unknown names and accepts any letter case", "[core][states]") {
    DeviceState d = DeviceState::Off;
    CHECK_FALSE(parse("linkd", d));
    CHECK_FALSE(parse("", d));
    CHECK_FALSE(parse("linked ", d));
    CHECK(d == DeviceState::Off);
    REQUIRE(parse("Linked", d));
    CHECK(d == DeviceState::Linked);
    AuthState a = AuthState::Unlinked;
    CHECK_FALSE(parse("booting", a));
    RingPattern p = RingPattern::Off;
    REQUIRE(parse("WIFI_ERROR", p));
    CHECK(p == RingPattern::WifiError);
}
