// A device whose RTC lost its battery (1970) sets the clock from a plain-HTTP Date header
// before it attempts TLS; with a plausible clock it goes straight to discovery.
#include <catch2/catch.hpp>

#include "fake_board.hpp"
#include "firmware/core/build_time.hpp"
#include "firmware/core/timer_ids.hpp"

using namespace ringside;
using namespace ringside::fw;
using ringside::test::Rig;
using namespace std::chrono_literals;

namespace {

void respond_with_date(Rig& r, int status, std::int64_t date_unix, hal::TransportError error = hal::TransportError::None) {
    auto& s = r.outstanding();
    s.answered = true;
    hal::HttpResponse response;
    response.error = error;
    response.status = status;
    response.date_unix = date_unix;
    r.dispatch(fw::Event::http_done(s.id, response));
}

} // namespace

TEST_CASE("RTC at 1970: the clock is set from a Date header before discovery", "[auth][rtc]") {
    Rig r;
    r.hw.rtc.now = 0;
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    CHECK(r.speaker->auth_state() == AuthState::Discovering);
    CHECK(r.outstanding().url == "http://auth.ringside.test/");
    CHECK(r.outstanding().method == hal::HttpMethod::Get);

    // A Date older than the firmware is no better than 1970: retried after back-off.
    respond_with_date(r, 404, 86'400);
    CHECK(r.hw.rtc.sets == 0);
    CHECK(r.hw.trace.count("log", "warn", "clock sync: no usable Date header") == 1);
    r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    CHECK(r.outstanding().url == "http://auth.ringside.test/");

    respond_with_date(r, 404, 1'764'028'800);
    CHECK(r.hw.rtc.now == 1'764'028'800);
    CHECK(r.hw.trace.count("clock", "synced") == 1);
    CHECK(r.outstanding().url == "https://auth.ringside.test/.well-known/oauth-authorization-server");
    r.respond(200, Rig::metadata());
    CHECK(r.speaker->auth_state() == AuthState::RequestingCode);
}

TEST_CASE("a plausible RTC skips the clock sync", "[auth][rtc]") {
    Rig r;
    r.hw.rtc.now = kBuiltAfterUnix;
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    CHECK(r.outstanding().url == "https://auth.ringside.test/.well-known/oauth-authorization-server");
}

TEST_CASE("a TLS failure with the clock unset is named in the trace and retried", "[auth][rtc]") {
    Rig r;
    r.hw.rtc.now = 0;
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    respond_with_date(r, 0, 0, hal::TransportError::TlsFailed);
    CHECK(r.hw.trace.count("http", "response", "tls_failed") == 1);
    CHECK(r.hw.trace.count("log", "error", "tls failed: the device clock is not set") == 1);
    CHECK(r.hw.timers.armed(timer::kAuthRetry));
    CHECK(r.speaker->auth_state() == AuthState::Discovering);
}

TEST_CASE("a TLS failure at a plausible clock re-syncs the clock before the retry", "[auth][rtc]") {
    Rig r;
    r.hw.rtc.now = kBuiltAfterUnix + 3 * 365 * 86'400;  // set from a Date that lied
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    REQUIRE(r.outstanding().url == "https://auth.ringside.test/.well-known/oauth-authorization-server");
    respond_with_date(r, 0, 0, hal::TransportError::TlsFailed);
    CHECK(r.hw.trace.count("log", "error", "tls failed: the device clock is not set") == 0);
    r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    // The retry asks the Date first, then resends what failed.
    CHECK(r.outstanding().url == "http://auth.ringside.test/");
    respond_with_date(r, 404, 1'764'028'800);
    CHECK(r.hw.rtc.now == 1'764'028'800);
    CHECK(r.outstanding().url == "https://auth.ringside.test/.well-known/oauth-authorization-server");
    r.respond(200, Rig::metadata());
    CHECK(r.speaker->auth_state() == AuthState::RequestingCode);
}

TEST_CASE("a failed re-sync after a TLS failure retries the refused request, not the sync", "[auth][rtc]") {
    Rig r;
    r.hw.rtc.now = kBuiltAfterUnix + 3 * 365 * 86'400;
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    respond_with_date(r, 0, 0, hal::TransportError::TlsFailed);
    r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    REQUIRE(r.outstanding().url == "http://auth.ringside.test/");
    respond_with_date(r, 0, 0, hal::TransportError::ConnectionFailed);
    CHECK(r.hw.rtc.sets == 0);
    r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    CHECK(r.outstanding().url == "https://auth.ringside.test/.well-known/oauth-authorization-server");
    // That retry fails TLS again: the next retry doubts the clock again (bounded by back-off).
    respond_with_date(r, 0, 0, hal::TransportError::TlsFailed);
    r.advance(r.hw.timers.remaining(timer::kAuthRetry));
    CHECK(r.outstanding().url == "http://auth.ringside.test/");
}
