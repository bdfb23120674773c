#include <catch2/catch.hpp>

#include "fake_board.hpp"
#include "firmware/core/timer_ids.hpp"

using namespace ringside;
using namespace ringside::fw;
using ringside::test::Rig;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view kMetadataUrl = "https://auth.ringside.test/.well-known/oauth-authorization-server";
constexpr std::string_view kDeviceAuthUrl = "https://auth.ringside.test/oauth2/device_authorization";
constexpr std::string_view kTokenUrl = "https://auth.ringside.test/oauth2/token";

// Powered, in setup, provisioned, on Wi-Fi, discovery answered, code shown.
void to_awaiting_approval(Rig& r, int code_expires_in = 600, std::optional<int> interval = 5) {
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    r.respond(200, Rig::metadata());
    r.respond(200, Rig::code(code_expires_in, interval));
    REQUIRE(r.speaker->auth_state() == AuthState::AwaitingApproval);
}

int token_polls(Rig& r) {
    int n = 0;
    for (auto& s : r.hw.http.sent)
        if (s.url == kTokenUrl && s.body.find("device_code=") != std::string::npos &&
            s.body.find("grant_type=urn") != std::string::npos)
            ++n;
    return n;
}
int refreshes(Rig& r) {
    int n = 0;
    for (auto& s : r.hw.http.sent)
        if (s.url == kTokenUrl && s.body.find("grant_type=refresh_token") != std::string::npos) ++n;
    return n;
}

} // namespace

TEST_CASE("device grant: discovery, code, pending, slow_down, tokens, linked", "[auth]") {
    Rig r;
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    CHECK(r.speaker->device_state() == DeviceState::Authorizing);
    CHECK(r.speaker->auth_state() == AuthState::Discovering);
    CHECK(r.speaker->ring_pattern() == RingPattern::Setup);

    auto& discovery = r.outstanding();
    CHECK(discovery.method == hal::HttpMethod::Get);
    CHECK(discovery.url == kMetadataUrl);
    r.respond(200, Rig::metadata());
    CHECK(r.speaker->auth_state() == AuthState::RequestingCode);

    auto& code_request = r.outstanding();
    CHECK(code_request.method == hal::HttpMethod::Post);
    CHECK(code_request.url == kDeviceAuthUrl);
    CHECK(code_request.content_type == "application/x-www-form-urlencoded");
    // device_serial: an extension parameter, for the verification page (RFC 8628 §5.4).
    CHECK(code_request.body == "client_id=ringside-speaker&scope=speaker&device_serial=RS0000000001");
    CHECK(r.speaker->user_code().empty());

    r.respond(200, Rig::code(600, 5));
    CHECK(r.speaker->auth_state() == AuthState::AwaitingApproval);
    CHECK(r.speaker->user_code() == "BCDF-GHJK");
    CHECK(r.speaker->verification_uri() == "https://auth.ringside.test/device");
    CHECK(r.speaker->ring_pattern() == RingPattern::Authorizing);

    // First poll one interval after the code arrived, not before.
    r.advance(4999ms);
    CHECK(token_polls(r) == 0);
    r.advance(1ms);
    REQUIRE(token_polls(r) == 1);
    CHECK(r.outstanding().body ==
          "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=DEVCODE-secret-1"
          "&client_id=ringside-speaker");

    r.respond(400, Rig::error("authorization_pending"));
    CHECK(r.hw.timers.remaining(timer::kAuthPoll) == 5s);
    r.advance(5s);
    REQUIRE(token_polls(r) == 2);

    r.respond(400, Rig::error("slow_down"));
    CHECK(r.hw.timers.remaining(timer::kAuthPoll) == 10s);
    r.advance(9999ms);
    CHECK(token_polls(r) == 2);
    r.advance(1ms);
    REQUIRE(token_polls(r) == 3);

    // The extra 5 s sticks for every later poll.
    r.respond(400, Rig::error("authorization_pending"));
    CHECK(r.hw.timers.remaining(timer::kAuthPoll) == 10s);
    r.advance(10s);
    REQUIRE(token_polls(r) == 4);
    r.respond(400, Rig::error("slow_down"));
    CHECK(r.hw.timers.remaining(timer::kAuthPoll) == 15s);
    r.advance(15s);
    REQUIRE(token_polls(r) == 5);

    r.respond(200, Rig::tokens());
    CHECK(r.speaker->auth_state() == AuthState::Linked);
    CHECK(r.speaker->device_state() == DeviceState::Linked);
    CHECK(r.speaker->ring_pattern() == RingPattern::Off);
    CHECK(r.speaker->user_code().empty());
    CHECK(r.speaker->verification_uri().empty());
    CHECK_FALSE(r.hw.timers.armed(timer::kAuthPoll));
    CHECK_FALSE(r.hw.timers.armed(timer::kCodeExpiry));
    CHECK(r.hw.trace.count("storage", "commit") == 1);

    CHECK(r.hw.trace.count("http", "request", "GET /.well-known/oauth-authorization-server") == 1);
    CHECK(r.hw.trace.count("http", "request", "POST /oauth2/device_authorization") == 1);
    CHECK(r.hw.trace.count("http", "request", "POST /oauth2/token device_code") == 5);
    CHECK(r.hw.trace.count("http", "response", "400 authorization_pending") == 2);
    CHECK(r.hw.trace.count("http", "response", "400 slow_down") == 2);
    CHECK(r.hw.trace.count("http", "response", "200") == 3);
    for (auto s : {"awaiting_approval", "linked", "discovering", "requesting_code"})
        CHECK(r.hw.trace.count("auth", "state", s) == 1);

    for (auto secret : {"DEVCODE-secret-1", "BCDF-GHJK", "BCDFGHJK", "refresh-secret-1", "access-secret-1",
                        "wifi-secret-pw"}) {
        CAPTURE(secret);
        CHECK_FALSE(r.hw.trace.mentions(secret));
    }
}

TEST_CASE("the code request names the serial number, escaped, and leaves an empty one out", "[auth]") {
    const auto code_request_body = [](std::string_view serial) {
        Rig r;
        r.power_off();  // a factory image with this serial; nothing was stored yet
        r.config.serial_number = serial;
        r.power_on();
        r.advance(2s);
        r.provision();
        r.wifi_joined();
        r.respond(200, Rig::metadata());
        return std::string(r.outstanding().body);
    };
    // Whatever the factory wrote is encoded, never splicing in a field of its own.
    CHECK(code_request_body("RS 1&x=y") == "client_id=ringside-speaker&scope=speaker&device_serial=RS%201%26x%3Dy");
    CHECK(code_request_body("") == "client_id=ringside-speaker&scope=speaker");
}

TEST_CASE("default poll interval is 5 s when the server gives none", "[auth]") {
    Rig r;
    to_awaiting_approval(r, 600, std::nullopt);
    CHECK(r.hw.timers.remaining(timer::kAuthPoll) == 5s);
}

TEST_CASE("expired_token requests a fresh code, slow_down carries over", "[auth]") {
    Rig r;
    to_awaiting_approval(r);
    r.advance(5s);
    r.respond(400, Rig::error("slow_down"));
    r.advance(10s);
    r.respond(400, Rig::error("expired_token"));
    CHECK(r.speaker->auth_state() == AuthState::RequestingCode);
    CHECK(r.speaker->user_code().empty());
    CHECK(r.outstanding().url == kDeviceAuthUrl);
    CHECK(r.hw.http.count_to("/oauth2/device_authorization") == 2);
    r.respond(200, Rig::code(600, 5));
    CHECK(r.speaker->auth_state() == AuthState::AwaitingApproval);
    CHECK(r.hw.timers.remaining(timer::kAuthPoll) == 10s);
}

TEST_CASE("a server that never answers expired_token: the local backstop requests a fresh code", "[auth]") {
    Rig r;
    to_awaiting_approval(r, 30, 5);
    // The code's 30 s pass, the server wrongly keeps answering pending: the speaker waits two
    // more polls for the server's own verdict before it gives up on the code.
    for (int i = 0; i < 7; ++i) {
        r.advance(5s);
        r.respond(400, Rig::error("authorization_pending"));
    }
    CHECK(r.speaker->auth_state() == AuthState::AwaitingApproval);
    CHECK(r.hw.http.count_to("/oauth2/device_authorization") == 1);
    r.advance(5s);  // 40 s = lifetime + 2 intervals
    CHECK(r.speaker->auth_state() == AuthState::RequestingCode);
    CHECK(r.hw.http.count_to("/oauth2/device_authorization") == 2);
    CHECK(r.outstanding().url == kDeviceAuthUrl);
    CHECK_FALSE(r.hw.timers.armed(timer::kAuthPoll));
}

TEST_CASE("access_denied fails for good until a short Action press", "[auth]") {
    Rig r;
    to_awaiting_approval(r);
    r.advance(5s);
    r.respond(400, Rig::error("access_denied"));
    CHECK(r.speaker->auth_state() == AuthState::Failed);
    CHECK(r.speaker->device_state() == DeviceState::Error);
    CHECK(r.speaker->ring_pattern() == RingPattern::Error);
    const auto sent = r.hw.http.sent.size();
    r.advance(30min);
    CHECK(r.hw.http.sent.size() == sent);  // no retry
    CHECK(r.speaker->auth_state() == AuthState::Failed);

    r.press();
    r.advance(300ms);
    r.release();
    CHECK(r.hw.trace.count("button", "press", "action") == 1);
    CHECK(r.speaker->device_state() == DeviceState::Authorizing);
    CHECK(r.speaker->auth_state() == AuthState::Discovering);
    r.respond(200, Rig::metadata());
    r.respond(200, Rig::code());
    r.advance(5s);
    r.respond(200, Rig::tokens());
    CHECK(r.speaker->device_state() == DeviceState::Linked);
}

TEST_CASE("a short press does nothing unless sign-in failed", "[auth]") {
    Rig r;
    to_awaiting_approval(r);
    const auto sent = r.hw.http.sent.size();
    r.press();
    r.release();
    CHECK(r.speaker->auth_state() == AuthState::AwaitingApproval);
    CHECK(r.hw.http.sent.size() == sent);
}

TEST_CASE("unrecoverable errors fail without retrying", "[auth]") {
    for (const char* code : {"invalid_client", "unauthorized_client", "invalid_request", "unsupported_grant_type"}) {
        CAPTURE(code);
        Rig r;
        r.advance(2s);
        r.provision();
        r.wifi_joined();
        r.respond(200, Rig::metadata());
        r.respond(code == std::string("invalid_client") ? 401 : 400, Rig::error(code));
        CHECK(r.speaker->auth_state() == AuthState::Failed);
        CHECK(r.speaker->device_state() == DeviceState::Error);
        const auto sent = r.hw.http.sent.size();
        r.advance(10min);
        CHECK(r.hw.http.sent.size() == sent);
        // The reason, in the trace and in what the speaker says.
        CHECK(r.hw.trace.count("auth", "failed", code) == 1);
        REQUIRE(r.hw.speech.said.size() == 1);
        CHECK(r.hw.speech.said.back().find(code) != std::string::npos);
    }
}

TEST_CASE("expired codes are renewed at most kMaxCodeRenewals times, then Failed", "[auth]") {
    Rig r;
    to_awaiting_approval(r, 60, 5);
    for (int renewal = 1; renewal <= kMaxCodeRenewals; ++renewal) {
        CAPTURE(renewal);
        r.advance(5s);
        r.respond(400, Rig::error("expired_token"));
        REQUIRE(r.speaker->auth_state() == AuthState::RequestingCode);
        r.respond(200, Rig::code(60, 5));
    }
    r.advance(5s);
    r.respond(400, Rig::error("expired_token"));
    CHECK(r.speaker->auth_state() == AuthState::Failed);
    CHECK(r.speaker->device_state() == DeviceState::Error);
    CHECK(r.hw.trace.count("auth", "failed", "expired_token") == 1);
    REQUIRE_FALSE(r.hw.speech.said.empty());
    CHECK(r.hw.speech.said.back().find("expired") != std::string::npos);
    const auto sent = r.hw.http.sent.size();
    r.advance(1h);
    CHECK(r.hw.http.sent.size() == sent);
    CHECK(r.hw.http.count_to("/oauth2/device_authorization") == 1 + kMaxCodeRenewals);

    // A short press starts over with a fresh budget of renewals.
    r.press();
    r.advance(300ms);
    r.release();
    r.respond(200, Rig::metadata());
    r.respond(200, Rig::code(60, 5));
    r.advance(5s);
    r.respond(400, Rig::error("expired_token"));
    CHECK(r.speaker->auth_state() == AuthState::RequestingCode);
}

TEST_CASE("refresh happens ahead of expiry and rotates the stored token", "[auth][refresh]") {
    Rig r;
    r.link(3600);
    const auto linked_at = r.hw.clock.t;
    // 3600 s token: refresh 10 min early.
    r.run_until(linked_at + 3000s - 1ms);
    CHECK(refreshes(r) == 0);
    r.run_until(linked_at + 3000s);
    REQUIRE(refreshes(r) == 1);
    auto& refresh = r.outstanding();
    CHECK(refresh.body == "grant_type=refresh_token&refresh_token=Atzr%7Crefresh-secret-1&client_id=ringside-speaker");
    CHECK(r.hw.trace.count("http", "request", "POST /oauth2/token refresh_token") == 1);
    CHECK(r.speaker->auth_state() == AuthState::Linked);

    r.hw.random.script.push_front(100);  // the full 10 min lead again
    r.respond(200, Rig::tokens(3600, "Atzr|refresh-secret-2", "Atza|access-secret-2"));
    CHECK(r.speaker->auth_state() == AuthState::Linked);
    CHECK(r.hw.trace.count("storage", "commit") == 2);
    CHECK(r.hw.flash.contains("Atzr|refresh-secret-2"));
    CHECK(r.hw.timers.remaining(timer::kAuthRefresh) == 3000s);
    CHECK(r.hw.timers.remaining(timer::kTokenExpiry) == 3600s);

    // A refresh answer without a new refresh token keeps the stored one: no commit.
    r.advance(3000s);
    r.respond(200, Rig::tokens(3600, ""));
    CHECK(r.hw.trace.count("storage", "commit") == 2);
    CHECK_FALSE(r.hw.trace.mentions("refresh-secret-2"));
}

TEST_CASE("short-lived tokens refresh at half-life", "[auth][refresh]") {
    Rig r;
    r.link(60);
    CHECK(r.hw.timers.remaining(timer::kAuthRefresh) == 30s);
    CHECK(r.hw.timers.remaining(timer::kTokenExpiry) == 60s);
    r.advance(30s);
    CHECK(refreshes(r) == 1);
}

TEST_CASE("refresh 503 retries with jittered back-off, reset by a success", "[auth][refresh]") {
    Rig r;
    r.link(3600);
    const auto linked_at = r.hw.clock.t;
    r.advance(3000s);
    REQUIRE(refreshes(r) == 1);
    // Jitter factor = 0.5 + (draw % 1001) / 1000.
    r.hw.random.script = {1000, 0, 500, 250, 1000, 0, 0, 0};
    const hal::Millis expected[] = {0ms, 500ms, 2000ms, 3000ms, 15000ms, 15000ms, 30000ms, 30000ms};
    for (std::size_t i = 0; i < std::size(expected); ++i) {
        CAPTURE(i);
        r.respond(503, "");
        REQUIRE(r.hw.timers.armed(timer::kAuthRetry));
        CHECK(r.hw.timers.remaining(timer::kAuthRetry) == expected[i]);
        r.advance(expected[i]);
        CHECK(refreshes(r) == static_cast<int>(i) + 2);
    }
    CHECK(r.hw.trace.count("http", "response", "503") == 8);
    CHECK(r.speaker->auth_state() == AuthState::Linked);

    // Keep failing past the access token's lifetime.
    while (r.hw.clock.t < linked_at + 3600s) {
        r.respond(503, "");
        r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    }
    // The token lapsed; the device keeps trying and still looks idle.
    CHECK(r.speaker->auth_state() == AuthState::Expired);
    CHECK(r.hw.trace.count("auth", "state", "expired") == 1);
    CHECK(r.speaker->device_state() == DeviceState::Linked);
    CHECK(r.speaker->ring_pattern() == RingPattern::Off);

    r.hw.random.script = {100};  // the full 10 min lead
    r.respond(200, Rig::tokens());
    CHECK(r.speaker->auth_state() == AuthState::Linked);
    // Next failure starts from the top of the table again.
    r.advance(3000s);
    r.respond(503, "");
    CHECK(r.hw.timers.remaining(timer::kAuthRetry) == 0ms);
}

TEST_CASE("back-off jitter stays within ±50 % and stays at 60 s", "[auth][refresh]") {
    Rig r;
    r.link(3600);
    r.advance(3000s);
    const hal::Millis base[] = {0s, 1s, 2s, 4s, 10s, 30s, 60s, 60s, 60s, 60s};
    bool varied = false;
    for (auto b : base) {
        r.fail_transport(hal::TransportError::ConnectionFailed);
        const auto d = r.hw.timers.remaining(timer::kAuthRetry);
        CHECK(d >= b / 2);
        CHECK(d <= b * 3 / 2);
        varied = varied || (b > 0s && d != b);
        r.advance(d);
    }
    CHECK(varied);
    CHECK(r.hw.trace.count("http", "response", "connection_failed") == 10);
}

TEST_CASE("Retry-After stretches the back-off", "[auth][refresh]") {
    Rig r;
    r.link(3600);
    r.advance(3000s);
    r.respond(429, "", 120);
    CHECK(r.hw.timers.remaining(timer::kAuthRetry) == 120s);
}

TEST_CASE("invalid_grant on refresh erases everything and goes back to setup, signed out", "[auth][refresh]") {
    Rig r;
    r.link(3600);
    REQUIRE(r.hw.flash.contains("Atzr|refresh-secret-1"));
    REQUIRE(r.hw.flash.contains("wifi-secret-pw"));
    r.advance(3000s);
    const auto sent = r.hw.http.sent.size();
    r.respond(400, Rig::error("invalid_grant"));
    CHECK_FALSE(r.hw.flash.contains("Atzr|refresh-secret-1"));
    CHECK_FALSE(r.hw.flash.contains("wifi-secret-pw"));
    CHECK(r.hw.flash.sector_blank(0));
    CHECK(r.hw.flash.sector_blank(1));
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.speaker->auth_state() == AuthState::Unlinked);
    // No new device grant: the owner has to set the speaker up again.
    CHECK(r.hw.http.sent.size() == sent);
    CHECK_FALSE(r.hw.timers.armed(timer::kTokenExpiry));
    CHECK_FALSE(r.hw.timers.armed(timer::kAuthRefresh));
    CHECK(r.hw.trace.count("auth", "signed_out") == 1);
    REQUIRE(r.hw.speech.said.size() == 1);
    CHECK(r.hw.speech.said.back().find("signed out") != std::string::npos);
    // The distinct pattern first, then the ordinary setup spin.
    CHECK(r.speaker->ring_pattern() == RingPattern::SignedOut);
    r.advance(kSignedOutShownFor - 1ms);
    CHECK(r.speaker->ring_pattern() == RingPattern::SignedOut);
    r.advance(1ms);
    CHECK(r.speaker->ring_pattern() == RingPattern::Setup);

    // Set up again: a fresh device grant links, and everything is committed anew.
    r.provision();
    r.wifi_joined();
    r.respond(200, Rig::metadata());
    r.respond(200, Rig::code());
    r.advance(5s);
    r.respond(200, Rig::tokens(3600, "Atzr|relinked"));
    CHECK(r.speaker->device_state() == DeviceState::Linked);
    r.power_off();
    r.power_on();
    r.advance(2s);
    CHECK(r.speaker->device_state() == DeviceState::JoiningWifi);
    CHECK(r.hw.wifi.joins.back().first == "Home");
    CHECK_FALSE(r.hw.trace.mentions("relinked"));
}

TEST_CASE("a power cut while signed out is shown boots into plain setup", "[auth][refresh]") {
    Rig r;
    r.link(3600);
    r.advance(3000s);
    r.respond(400, Rig::error("invalid_grant"));
    REQUIRE(r.speaker->ring_pattern() == RingPattern::SignedOut);
    r.power_off();
    r.power_on();
    r.advance(2s);
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.speaker->ring_pattern() == RingPattern::Setup);
}

TEST_CASE("unrecoverable refresh error fails", "[auth][refresh]") {
    Rig r;
    r.link(3600);
    r.advance(3000s);
    r.respond(400, Rig::error("unauthorized_client"));
    CHECK(r.speaker->auth_state() == AuthState::Failed);
    CHECK(r.speaker->device_state() == DeviceState::Error);
    CHECK(r.speaker->ring_pattern() == RingPattern::Error);
    CHECK_FALSE(r.hw.timers.armed(timer::kTokenExpiry));
    CHECK_FALSE(r.hw.timers.armed(timer::kAuthRefresh));
}

TEST_CASE("a request with no answer times out after 60 s and is retried", "[auth]") {
    Rig r;
    to_awaiting_approval(r);
    r.advance(5s);
    const auto first = r.outstanding().id;
    r.advance(59999ms);
    CHECK(r.hw.trace.count("http", "response", "timeout") == 0);
    r.advance(1ms);
    CHECK(r.hw.trace.count("http", "response", "timeout") == 1);
    CHECK(r.hw.http.sent[r.hw.http.sent.size() - 1].cancelled);
    // A poll retry never comes sooner than the poll interval.
    CHECK(r.hw.timers.remaining(timer::kAuthRetry) == 5s);
    r.advance(5s);
    REQUIRE(r.has_outstanding());
    CHECK(r.outstanding().id != first);

    SECTION("the late answer to the abandoned request is ignored") {
        r.respond_to(first, 200, Rig::tokens());
        CHECK(r.speaker->auth_state() == AuthState::AwaitingApproval);
        CHECK(r.hw.trace.count("storage", "commit") == 0);
        r.respond(200, Rig::tokens());
        CHECK(r.speaker->auth_state() == AuthState::Linked);
    }
    SECTION("an answer with an id never used is ignored") {
        r.respond_to(static_cast<hal::RequestId>(r.outstanding().id + 100), 400, Rig::error("access_denied"));
        CHECK(r.speaker->auth_state() == AuthState::AwaitingApproval);
    }
}

TEST_CASE("discovery and code requests retry on server errors and garbage", "[auth]") {
    Rig r;
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    r.respond(500, "oops");
    CHECK(r.speaker->auth_state() == AuthState::Discovering);
    r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    CHECK(r.outstanding().url == kMetadataUrl);
    r.respond(200, "{not json");
    r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    r.respond(200, R"({"token_endpoint":"https://x/t"})");  // incomplete metadata
    r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    CHECK(r.hw.http.count_to("oauth-authorization-server") == 4);
    r.respond(200, Rig::metadata());
    CHECK(r.speaker->auth_state() == AuthState::RequestingCode);
    r.fail_transport(hal::TransportError::NoNetwork);
    CHECK(r.hw.trace.count("http", "response", "no_network") == 1);
    r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    r.respond(200, R"({"device_code":"x"})");  // no user_code
    CHECK(r.speaker->auth_state() == AuthState::RequestingCode);
    r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    r.respond(200, Rig::code());
    CHECK(r.speaker->auth_state() == AuthState::AwaitingApproval);
}

TEST_CASE("a broken exchange is transient: named in the trace, retried with back-off, not a timeout", "[auth]") {
    Rig r;
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    r.respond(200, Rig::metadata());
    r.fail_transport(hal::TransportError::Broken);
    CHECK(r.hw.trace.count("http", "response", "broken") == 1);
    CHECK(r.speaker->auth_state() == AuthState::RequestingCode);
    CHECK_FALSE(r.hw.timers.armed(timer::kHttpTimeout));
    REQUIRE(r.hw.timers.armed(timer::kAuthRetry));
    CHECK(r.hw.timers.remaining(timer::kAuthRetry) <= 1500ms);  // the first back-off steps, not 60 s
    r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    r.respond(200, Rig::code());
    CHECK(r.speaker->auth_state() == AuthState::AwaitingApproval);
}

TEST_CASE("a transport that refuses a request is retried with back-off", "[auth]") {
    Rig r;
    r.advance(2s);
    r.provision();
    r.hw.http.accept = false;
    r.wifi_joined();
    CHECK(r.hw.trace.count("http", "response", "not_sent") == 1);
    CHECK(r.hw.timers.armed(timer::kAuthRetry));
    r.hw.http.accept = true;
    r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    CHECK(r.outstanding().url == kMetadataUrl);
}

TEST_CASE("refresh lead is 10 min minus a random 0-10 %", "[auth][refresh]") {
    Rig r;
    r.link(3600);
    // link() drew the jitter already; a 3600 s token refreshes between 3000 s and 3060 s.
    const auto remaining = r.hw.timers.remaining(timer::kAuthRefresh);
    CHECK(remaining >= 3000s);
    CHECK(remaining <= 3060s);

    struct Script : hal::Random {
        std::uint32_t value;
        std::uint32_t next_u32() override { return value; }
    } draw;
    draw.value = 100;  // permille 1000: the full 10 min lead
    CHECK(refresh_delay(3600s, draw) == 3000s);
    draw.value = 0;  // permille 900: 9 min lead
    CHECK(refresh_delay(3600s, draw) == 3060s);
    draw.value = 50;  // permille 950
    CHECK(refresh_delay(3600s, draw) == 3030s);
    draw.value = 0;  // half-life for short tokens, still jittered
    CHECK(refresh_delay(60s, draw) == 33s);
}

// Found by fuzz.auth_answers: a server that hands out tokens living a few seconds had the
// speaker refresh every half-life, over 200 requests in ten minutes.
TEST_CASE("a token that lives seconds is refreshed no sooner than kMinRefreshDelay after issue", "[auth][refresh]") {
    struct Script : hal::Random {
        std::uint32_t next_u32() override { return 100; }
    } draw;
    CHECK(refresh_delay(1s, draw) == kMinRefreshDelay);
    CHECK(refresh_delay(5s, draw) == kMinRefreshDelay);
    CHECK(refresh_delay(60s, draw) == 30s);

    Rig r;
    r.link(5);
    for (int i = 0; i < 600; ++i) {
        if (r.has_outstanding()) r.respond(200, Rig::tokens(1));
        r.advance(1s);
    }
    CHECK(refreshes(r) <= 600s / kMinRefreshDelay + 1);
    CHECK(refreshes(r) >= 600s / kMinRefreshDelay - 1);  // still refreshed, only not in a storm
}

TEST_CASE("a 401 from the voice API refreshes at once", "[auth][refresh]") {
    Rig r;
    r.link(3600);
    REQUIRE(refreshes(r) == 0);
    r.advance(100s);
    r.speaker->access_token_rejected();
    CHECK(refreshes(r) == 1);
    CHECK(r.speaker->auth_state() == AuthState::Expired);
    CHECK(r.hw.trace.count("auth", "access_rejected") == 1);
    // A second 401 while that refresh is in flight sends nothing more.
    r.speaker->access_token_rejected();
    CHECK(refreshes(r) == 1);
    r.respond(200, Rig::tokens(3600, "Atzr|refresh-secret-2", "Atza|access-secret-2"));
    CHECK(r.speaker->auth_state() == AuthState::Linked);
    CHECK(r.speaker->device_state() == DeviceState::Linked);
    CHECK_FALSE(r.hw.trace.mentions("refresh-secret"));
    CHECK_FALSE(r.hw.trace.mentions("access-secret"));
}

TEST_CASE("a 401 before sign-in finished is ignored", "[auth][refresh]") {
    Rig r;
    to_awaiting_approval(r);
    const auto sent = r.hw.http.sent.size();
    r.speaker->access_token_rejected();
    CHECK(r.hw.http.sent.size() == sent);
    CHECK(r.speaker->auth_state() == AuthState::AwaitingApproval);
}

TEST_CASE("a 200 token answer that is not a usable Bearer grant is refused and polled again", "[auth]") {
    for (const std::string& body : {std::string(R"({"access_token":"a","token_type":"MAC","expires_in":3600})"),
                                   std::string(R"({"access_token":"a","expires_in":3600})"),
                                   std::string(R"({"access_token":"a","token_type":"Bearer","expires_in":"soon"})"),
                                   std::string(R"({"access_token":"a","token_type":"Bearer","expires_in":-5})"),
                                   std::string("<html>hotel Wi-Fi</html>")}) {
        INFO(body);
        Rig r;
        to_awaiting_approval(r);
        r.advance(5s);
        r.respond(200, body);
        CHECK(r.speaker->auth_state() == AuthState::AwaitingApproval);
        r.advance(10s);
        REQUIRE(r.has_outstanding());  // asked again, never took it for tokens
        r.respond(200, Rig::tokens(3600));
        CHECK(r.speaker->auth_state() == AuthState::Linked);
    }
}
