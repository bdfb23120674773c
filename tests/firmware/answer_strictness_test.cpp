// The auth client's strictness with 200 answers (issue 12, defects 1, 2 and 4): a number in
// quotes is not a number, every server-supplied duration is range-checked at both ends, and
// every refused answer names its reason in the trace; a refused answer is retried with
// back-off, never taken and never stormed.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fake_board.hpp"
#include "firmware/auth/auth_client.hpp"
#include "firmware/core/timer_ids.hpp"

using namespace ringside;
using namespace ringside::fw;
using ringside::test::Rig;
using ringside::hal::Millis;
using namespace std::chrono_literals;

namespace {

// Powered, in setup, provisioned, on Wi-Fi, metadata answered: the code request is out.
void to_requesting_code(Rig& r) {
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    r.respond(200, Rig::metadata());
    REQUIRE(r.speaker->auth_state() == AuthState::RequestingCode);
}

std::string code_with(const std::string& expires_in, const std::string& interval) {
    return R"({"device_code":"DEVCODE-secret-1","user_code":"BCDF-GHJK","verification_uri":"https://auth.ringside.test/device","expires_in":)" +
           expires_in + R"(,"interval":)" + interval + "}";
}

std::string tokens_with(const std::string& expires_in) {
    return R"({"access_token":"Atza|a","token_type":"bearer","refresh_token":"Atzr|r","expires_in":)" + expires_in + "}";
}

// The trace detail of the last refusal, or "" if none.
std::string last_refusal(const Rig& r) {
    for (auto it = r.hw.trace.records.rbegin(); it != r.hw.trace.records.rend(); ++it)
        if (it->category == "log" && it->event == "warn" && it->detail.find("refused") != std::string::npos)
            return it->detail;
    return "";
}

const std::vector<std::string> kHostile{"-9223372036854775808", "9223372036854775807", "-9223372036854775807",
                                         "-1",  "0", "99999999999999999999", "-99999999999999999999", "1e400",
                                         "1.5", "\"3600\"", "null", "true", "[5]", "{}"};

} // namespace

TEST_CASE("a token answer with a quoted expires_in is refused and retried with back-off", "[auth][strict]") {
    Rig r;
    to_requesting_code(r);
    r.respond(200, Rig::code());
    r.advance(5s);
    r.respond(200, tokens_with("\"3600\""));
    CHECK(r.speaker->auth_state() == AuthState::AwaitingApproval);
    CHECK(last_refusal(r) == "token answer refused: expires_in is a string");
    REQUIRE(r.hw.timers.armed(timer::kAuthRetry));
    CHECK(r.hw.timers.remaining(timer::kAuthRetry) >= 5s);  // never faster than the interval
    r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    r.respond(200, Rig::tokens(3600));
    CHECK(r.speaker->auth_state() == AuthState::Linked);
}

TEST_CASE("a refresh answer with a quoted expires_in is refused and the speaker stays linked", "[auth][strict]") {
    Rig r;
    r.link(3600);
    r.advance(r.hw.timers.remaining(timer::kAuthRefresh));
    r.respond(200, tokens_with("\"3600\""));
    CHECK(last_refusal(r) == "token answer refused: expires_in is a string");
    CHECK(r.speaker->auth_state() == AuthState::Linked);
    CHECK(r.speaker->device_state() == DeviceState::Linked);
    REQUIRE(r.hw.timers.armed(timer::kAuthRetry));
    CHECK_FALSE(r.hw.timers.armed(timer::kAuthRefresh));  // not taken: no new schedule
}

TEST_CASE("code answers with a quoted interval or expires_in are refused and asked again", "[auth][strict]") {
    for (const auto& [body, reason] :
         std::vector<std::pair<std::string, std::string>>{{code_with("600", "\"5\""), "code answer refused: interval is a string"},
                                                          {code_with("\"600\"", "5"), "code answer refused: expires_in is a string"}}) {
        INFO(body);
        Rig r;
        to_requesting_code(r);
        r.respond(200, body);
        CHECK(r.speaker->auth_state() == AuthState::RequestingCode);
        CHECK(r.speaker->user_code().empty());
        CHECK(last_refusal(r) == reason);
        REQUIRE(r.hw.timers.armed(timer::kAuthRetry));
        r.advance(r.hw.timers.remaining(timer::kAuthRetry));
        r.respond(200, Rig::code());
        CHECK(r.speaker->auth_state() == AuthState::AwaitingApproval);
    }
}

TEST_CASE("refused answers back off: a server that keeps sending them is not stormed", "[auth][strict]") {
    Rig r;
    to_requesting_code(r);
    Millis waited{0};
    for (int i = 0; i < 8; ++i) {
        r.respond(200, code_with("\"600\"", "5"));
        REQUIRE(r.hw.timers.armed(timer::kAuthRetry));
        waited += r.hw.timers.remaining(timer::kAuthRetry);
        r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    }
    // Back-off 0, 1, 2, 4, 10, 30, 60, 60 s, each ±50 %: at least half of 167 s.
    CHECK(waited >= 83s);
    CHECK(r.hw.http.count_to("/oauth2/device_authorization") == 9);
}

TEST_CASE("every refusal of a 200 answer names its reason in the trace", "[auth][strict]") {
    const std::string long_token(3000, 'a');
    const std::vector<std::pair<std::string, std::string>> token_cases{
        {R"({"access_token":"a","token_type":"Bearer","expires_in":"3600"})", "expires_in is a string"},
        {R"({"access_token":"a","token_type":"MAC","expires_in":3600})", "token_type is not Bearer"},
        {R"({"access_token":"a","expires_in":3600})", "token_type is missing"},
        {R"({"access_token":"a","token_type":7,"expires_in":3600})", "token_type is a number"},
        {R"({"access_token":"a","token_type":"Bearer","expires_in":-5})", "expires_in is out of range (1..31536000 s)"},
        {R"({"access_token":"a","token_type":"Bearer","expires_in":36.5})", "expires_in is not a whole number"},
        {R"({"access_token":"a","token_type":"Bearer","expires_in":null})", "expires_in is null"},
        {R"({"token_type":"Bearer","expires_in":3600})", "access_token is missing"},
        {R"({"access_token":"","token_type":"Bearer","expires_in":3600})", "access_token is empty"},
        {R"({"access_token":5,"token_type":"Bearer","expires_in":3600})", "access_token is a number"},
        {R"({"access_token":")" + long_token + R"(","token_type":"Bearer"})", "access_token is too long"},
        {R"({"access_token":"a","token_type":"Bearer","refresh_token":["x"]})", "refresh_token is an array"},
        {R"({"access_token":"a","token_type":"Bearer","refresh_token":""})", "refresh_token is empty"},
        {R"({"access_token":"a\x","token_type":"Bearer"})", "access_token is badly escaped"},
        {"<html>hotel Wi-Fi</html>", "not a JSON object"},
        {"", "empty body"},
    };
    for (const auto& [body, reason] : token_cases) {
        INFO(body);
        Rig r;
        to_requesting_code(r);
        r.respond(200, Rig::code());
        r.advance(5s);
        r.respond(200, body);
        CHECK(r.speaker->auth_state() == AuthState::AwaitingApproval);
        CHECK(last_refusal(r) == "token answer refused: " + reason);
        CHECK(r.hw.timers.armed(timer::kAuthRetry));
        CHECK_FALSE(r.hw.trace.mentions("DEVCODE-secret"));
    }
    const std::vector<std::pair<std::string, std::string>> code_cases{
        {R"({"user_code":"BCDF-GHJK","verification_uri":"https://x/d","expires_in":600})", "device_code is missing"},
        {R"({"device_code":"d","verification_uri":"https://x/d","expires_in":600})", "user_code is missing"},
        {R"({"device_code":"d","user_code":"BCDF-GHJK","expires_in":600})", "verification_uri is missing"},
        {R"({"device_code":"d","user_code":{},"verification_uri":"https://x/d"})", "user_code is an object"},
        {R"({"device_code":"d","user_code":"BCDF-GHJK","verification_uri":true})", "verification_uri is true or false"},
        {code_with("600", "0"), "interval is out of range (1..3600 s)"},
        {code_with("0", "5"), "expires_in is out of range (1..86400 s)"},
        {code_with("600", "\"5\""), "interval is a string"},
        {"{not json", "not a JSON object"},
    };
    for (const auto& [body, reason] : code_cases) {
        INFO(body);
        Rig r;
        to_requesting_code(r);
        r.respond(200, body);
        CHECK(r.speaker->auth_state() == AuthState::RequestingCode);
        CHECK(last_refusal(r) == "code answer refused: " + reason);
        CHECK(r.hw.timers.armed(timer::kAuthRetry));
    }
    const std::vector<std::pair<std::string, std::string>> metadata_cases{
        {R"({"token_endpoint":"https://x/t"})", "device_authorization_endpoint is missing"},
        {R"({"device_authorization_endpoint":"https://x/d"})", "token_endpoint is missing"},
        {R"({"device_authorization_endpoint":"","token_endpoint":"https://x/t"})", "device_authorization_endpoint is empty"},
        {"[]", "not a JSON object"},
    };
    for (const auto& [body, reason] : metadata_cases) {
        INFO(body);
        Rig r;
        r.advance(2s);
        r.provision();
        r.wifi_joined();
        r.respond(200, body);
        CHECK(r.speaker->auth_state() == AuthState::Discovering);
        CHECK(last_refusal(r) == "metadata refused: " + reason);
        CHECK(r.hw.timers.armed(timer::kAuthRetry));
    }
}

TEST_CASE("hostile interval values are refused as out of range or not a number", "[auth][strict]") {
    for (const std::string& value : kHostile) {
        INFO(value);
        Rig r;
        to_requesting_code(r);
        r.respond(200, code_with("600", value));
        CHECK(r.speaker->auth_state() == AuthState::RequestingCode);
        CHECK_THAT(last_refusal(r), Catch::StartsWith("code answer refused: interval is "));
        CHECK_FALSE(r.hw.timers.armed(timer::kAuthPoll));
        CHECK(r.hw.timers.armed(timer::kAuthRetry));
    }
}

TEST_CASE("hostile code expires_in values are refused as out of range or not a number", "[auth][strict]") {
    for (const std::string& value : kHostile) {
        INFO(value);
        Rig r;
        to_requesting_code(r);
        r.respond(200, code_with(value, "5"));
        CHECK(r.speaker->auth_state() == AuthState::RequestingCode);
        CHECK_THAT(last_refusal(r), Catch::StartsWith("code answer refused: expires_in is "));
        CHECK_FALSE(r.hw.timers.armed(timer::kCodeExpiry));
    }
}

TEST_CASE("hostile token expires_in values are refused as out of range or not a number", "[auth][strict]") {
    for (const std::string& value : kHostile) {
        INFO(value);
        Rig r;
        r.link(3600);
        r.advance(r.hw.timers.remaining(timer::kAuthRefresh));
        const Millis expiry_left = r.hw.timers.remaining(timer::kTokenExpiry);
        r.respond(200, tokens_with(value));
        CHECK(r.speaker->auth_state() == AuthState::Linked);
        CHECK_THAT(last_refusal(r), Catch::StartsWith("token answer refused: expires_in is "));
        CHECK(r.hw.timers.remaining(timer::kTokenExpiry) == expiry_left);  // the old token's schedule stands
        CHECK(r.hw.timers.armed(timer::kAuthRetry));
    }
}

TEST_CASE("durations at the ends of their ranges are taken, in milliseconds", "[auth][strict]") {
    for (const auto& [interval, code_life] : std::vector<std::pair<int, int>>{{1, 1}, {3600, 86400}}) {
        INFO(interval << " " << code_life);
        Rig r;
        to_requesting_code(r);
        r.respond(200, code_with(std::to_string(code_life), std::to_string(interval)));
        REQUIRE(r.speaker->auth_state() == AuthState::AwaitingApproval);
        CHECK(r.hw.timers.remaining(timer::kAuthPoll) == Millis{interval * 1000LL});
        CHECK(r.hw.timers.remaining(timer::kCodeExpiry) == Millis{(code_life + 2LL * interval) * 1000});
    }
    for (const long long lifetime : {1LL, 31'536'000LL}) {
        INFO(lifetime);
        Rig r;
        r.link(3600);
        r.advance(r.hw.timers.remaining(timer::kAuthRefresh));
        r.respond(200, tokens_with(std::to_string(lifetime)));
        CHECK(r.speaker->auth_state() == AuthState::Linked);
        CHECK(r.hw.timers.remaining(timer::kTokenExpiry) == Millis{lifetime * 1000});
    }
}

// Retry-After is a server-supplied duration too (RFC 9110 §10.2.3): honoured up to an hour,
// so a hostile or broken value (136 years in a u32) cannot park the speaker for good.
TEST_CASE("a Retry-After beyond an hour waits an hour, and says so", "[auth][strict]") {
    Rig r;
    r.link(3600);
    r.advance(r.hw.timers.remaining(timer::kAuthRefresh));
    r.respond(503, "", 4000000000u);
    REQUIRE(r.hw.timers.armed(timer::kAuthRetry));
    CHECK(r.hw.timers.remaining(timer::kAuthRetry) == Millis{kMaxRetryAfterS * 1000});
    CHECK(r.hw.trace.count("log", "warn", "Retry-After 4000000000 s capped at 3600 s") == 1);
    r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    r.respond(429, "", 120);  // within range: as asked
    CHECK(r.hw.timers.remaining(timer::kAuthRetry) == 120s);
}
