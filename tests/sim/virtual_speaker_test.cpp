// End to end through the virtual world: the real firmware, the mock cloud over the
// in-process transport, the companion app, all on virtual time.
#include <catch2/catch.hpp>

#include "secret_like_run.hpp"

#include "home_world.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "firmware/core/timer_ids.hpp"
#include "sim/virtual_speaker.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using sim::Millis;
using sim::VirtualSpeaker;
using test::longest_secret_like_run;

namespace {

sim::WorldConfig home_world(std::uint64_t seed = 7) { return sim::test::home_world(seed); }

bool wait_for(VirtualSpeaker& world, Millis within, const std::function<bool()>& condition) {
    return world.run_until(world.now() + within, condition);
}

// From a powered speaker in setup: provision and wait until it shows a code.
void provision_until_code_shown(VirtualSpeaker& world) {
    REQUIRE(wait_for(world, 10s, [&] { return world.ring_pattern() == fw::RingPattern::Setup; }));
    CHECK(world.device_state() == fw::DeviceState::Setup);
    world.provision("Home", "wifi-secret", "jane");
    REQUIRE(wait_for(world, 60s, [&] { return world.auth_state() == fw::AuthState::AwaitingApproval; }));
}

// Power on, provision, wait for the code, approve it, wait for Linked. Returns the code shown.
std::string sign_in(VirtualSpeaker& world) {
    world.power_on();
    const Millis started = world.now();
    provision_until_code_shown(world);
    const std::string code = world.user_code();
    REQUIRE(world.approve_shown_code("jane") == cloud::ApprovalResult::Approved);
    REQUIRE(world.run_until(started + 2min, [&] {
        return world.device_state() == fw::DeviceState::Linked && world.auth_state() == fw::AuthState::Linked;
    }));
    return code;
}

// Runs until a token poll reaches the cloud; its answer is then still on the way back.
void until_poll_reaches_cloud(VirtualSpeaker& world) {
    const auto& journal = world.cloud().journal();
    const std::size_t seen = journal.size();
    REQUIRE(wait_for(world, 2min, [&] { return journal.size() > seen; }));
    REQUIRE(journal.back().endpoint == "token");
}

// Successful token grants of one type the cloud served.
std::size_t count_grants(VirtualSpeaker& world, const std::string& grant) {
    const auto& journal = world.cloud().journal();
    return static_cast<std::size_t>(std::count_if(journal.begin(), journal.end(), [&](const cloud::JournalEntry& e) {
        return e.endpoint == "token" && e.grant_type == grant && e.status == 200;
    }));
}

std::string joined(const sim::TraceLine& line) { return line.category + " " + line.event + " " + line.detail; }

bool same_lines(const std::vector<sim::TraceLine>& a, const std::vector<sim::TraceLine>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const sim::TraceLine& x, const sim::TraceLine& y) {
        return x.at == y.at && x.category == y.category && x.event == y.event && x.detail == y.detail;
    });
}

} // namespace

TEST_CASE("a new speaker signs in through setup, provisioning and approval", "[sim][e2e]") {
    VirtualSpeaker world(home_world());
    const std::string code = sign_in(world);

    CHECK(code.size() == 9);
    CHECK(code[4] == '-');
    CHECK(world.user_code().empty());  // no code once linked
    CHECK(world.ring_pattern() == fw::RingPattern::Off);
    CHECK(count_grants(world, "device_code") == 1);

    std::string undashed = code;
    undashed.erase(4, 1);
    for (const sim::TraceLine& line : world.trace()) {
        const std::string text = joined(line);
        INFO(text);
        CHECK(text.find(code) == std::string::npos);
        CHECK(text.find(undashed) == std::string::npos);
        CHECK(text.find("rs_at.") == std::string::npos);
        CHECK(text.find("rs_rt.") == std::string::npos);
        CHECK(text.find("wifi-secret") == std::string::npos);
        CHECK(longest_secret_like_run(text) < 40);
    }
}

TEST_CASE("trace lines are stamped in non-decreasing world time and mark power and the user", "[sim][e2e]") {
    VirtualSpeaker world(home_world());
    sign_in(world);
    const auto& trace = world.trace();
    REQUIRE_FALSE(trace.empty());
    CHECK(trace.front().category == "power");
    CHECK(trace.front().event == "on");
    CHECK(std::is_sorted(trace.begin(), trace.end(), [](const auto& a, const auto& b) { return a.at < b.at; }));
    const auto approve = std::find_if(trace.begin(), trace.end(), [](const auto& l) { return l.category == "user"; });
    REQUIRE(approve != trace.end());
    CHECK(approve->event == "approve");
    CHECK(approve->detail == "jane approved");
}

TEST_CASE("the same seed gives the same trace, line for line", "[sim][e2e]") {
    const auto run = [](std::uint64_t seed) {
        VirtualSpeaker world(home_world(seed));
        sign_in(world);
        world.advance(2h);
        return std::make_pair(world.trace(), world.events_processed());
    };
    const auto first = run(11);
    const auto second = run(11);
    CHECK(first.first.size() == second.first.size());
    CHECK(same_lines(first.first, second.first));
    CHECK(first.second == second.second);
}

TEST_CASE("different seeds give different user codes", "[sim][e2e]") {
    VirtualSpeaker a(home_world(1)), b(home_world(2));
    CHECK(sign_in(a) != sign_in(b));
}

TEST_CASE("run_until stops on the event that makes the condition hold, else at the deadline", "[sim][e2e]") {
    VirtualSpeaker world(home_world());
    CHECK(world.run_until(5s, [] { return true; }));  // checked before anything runs
    CHECK(world.now() == 0ms);

    CHECK_FALSE(world.run_until(1234ms, [] { return false; }));
    CHECK(world.now() == 1234ms);  // nothing powered: time still reaches the deadline
    world.advance(766ms);
    CHECK(world.now() == 2000ms);

    world.power_on();
    CHECK(world.device_state() != fw::DeviceState::Off);
    const std::uint64_t before = world.events_processed();
    REQUIRE(world.run_until(world.now() + 30s, [&] { return world.device_state() == fw::DeviceState::Setup; }));
    CHECK(world.events_processed() > before);
    CHECK(world.now() < 2000ms + 30s);  // stopped when it held, not at the deadline
    const Millis stopped = world.now();
    CHECK(world.run_until(world.now() + 30s, [&] { return world.device_state() == fw::DeviceState::Setup; }));
    CHECK(world.now() == stopped);
}

TEST_CASE("an unpowered speaker is Off, dark and ignores buttons and the app", "[sim][e2e]") {
    VirtualSpeaker world(home_world());
    CHECK_FALSE(world.powered());
    CHECK(world.device_state() == fw::DeviceState::Off);
    CHECK(world.ring_pattern() == fw::RingPattern::Off);
    CHECK(world.leds() == hal::RingFrame{});
    world.press(hal::Button::Action);
    world.release(hal::Button::Action);
    world.provision("Home", "wifi-secret", "jane");
    CHECK(world.approve_shown_code("jane") == cloud::ApprovalResult::UnknownCode);
    world.advance(1min);
    CHECK(world.device_state() == fw::DeviceState::Off);
    CHECK(world.cloud().journal().empty());
}

TEST_CASE("the ring shows setup on the LEDs while waiting for the app", "[sim][e2e]") {
    VirtualSpeaker world(home_world());
    world.power_on();
    REQUIRE(wait_for(world, 10s, [&] { return world.ring_pattern() == fw::RingPattern::Setup; }));
    world.advance(1s);
    CHECK(world.leds() != hal::RingFrame{});  // something lit: the orange spinner
    world.power_off();
    CHECK(world.leds() == hal::RingFrame{});
}

TEST_CASE("power off while polling, then power on: the speaker boots again cleanly", "[sim][e2e]") {
    VirtualSpeaker world(home_world());
    world.power_on();
    provision_until_code_shown(world);
    until_poll_reaches_cloud(world);
    world.power_off();
    CHECK(world.device_state() == fw::DeviceState::Off);
    CHECK(world.user_code().empty());
    const auto& journal = world.cloud().journal();
    const std::size_t lines_at_off = world.trace().size();
    const std::size_t requests_at_off = journal.size();

    world.advance(10min);  // the old instance's poll, timers and response all fall due here
    CHECK(world.trace().size() == lines_at_off);  // nothing reached any firmware
    CHECK(journal.size() == requests_at_off);

    // Credentials are stored only once linked: the fresh instance starts in setup again.
    world.power_on();
    provision_until_code_shown(world);
    REQUIRE(world.approve_shown_code("jane") == cloud::ApprovalResult::Approved);
    REQUIRE(wait_for(world, 2min, [&] { return world.auth_state() == fw::AuthState::Linked; }));
}

TEST_CASE("a power blip while a poll is in flight: nothing from before reaches the new firmware", "[sim][e2e]") {
    VirtualSpeaker world(home_world());
    world.power_on();
    provision_until_code_shown(world);
    until_poll_reaches_cloud(world);

    // Off and on in the same instant: the poll's answer and the old auth timers are still due.
    world.power_off();
    world.power_on();
    std::vector<fw::Event> delivered;
    world.observe_events([&](const fw::Event& e) { delivered.push_back(e); });
    world.advance(10s);  // past the old answer (40 ms) and the old poll interval

    // The new instance sits in setup without Wi-Fi: it made no request and armed no auth
    // timer, so any response or auth timer it was handed came from before the blip.
    REQUIRE(world.device_state() == fw::DeviceState::Setup);
    REQUIRE_FALSE(delivered.empty());  // it does get its own boot and ring timers
    for (const fw::Event& e : delivered) {
        CHECK(e.type != fw::EventType::HttpDone);
        if (e.type == fw::EventType::TimerExpired) {
            CHECK(e.timer != fw::timer::kAuthPoll);
            CHECK(e.timer != fw::timer::kAuthRetry);
            CHECK(e.timer != fw::timer::kCodeExpiry);
        }
    }
    world.observe_events(nullptr);

    // And it signs in from scratch: credentials are stored only once linked.
    const auto& journal = world.cloud().journal();
    const std::size_t first_new_request = journal.size();
    provision_until_code_shown(world);
    CHECK(journal.at(first_new_request).endpoint == "metadata");
    REQUIRE(world.approve_shown_code("jane") == cloud::ApprovalResult::Approved);
    CHECK(wait_for(world, 2min, [&] { return world.auth_state() == fw::AuthState::Linked; }));
}

TEST_CASE("credentials survive a power cycle: the speaker comes back linked without the app", "[sim][e2e]") {
    VirtualSpeaker world(home_world());
    sign_in(world);
    world.power_off();
    world.advance(1h);
    world.power_on();
    REQUIRE(wait_for(world, 2min, [&] { return world.device_state() == fw::DeviceState::Linked; }));
    CHECK(world.auth_state() == fw::AuthState::Linked);
    CHECK(count_grants(world, "device_code") == 1);  // no second sign-in
}

TEST_CASE("a day linked: hourly refreshes keep the token from ever expiring", "[sim][e2e]") {
    VirtualSpeaker world(home_world());
    sign_in(world);
    const bool lapsed = world.run_until(world.now() + 24h, [&] {
        return world.auth_state() != fw::AuthState::Linked || world.device_state() != fw::DeviceState::Linked;
    });
    INFO("auth " << fw::to_string(world.auth_state()) << " at " << world.now().count() << " ms");
    CHECK_FALSE(lapsed);
    // 3600 s tokens refreshed ahead of expiry: at least one refresh per hour.
    CHECK(count_grants(world, "refresh_token") >= 24);
}

TEST_CASE("holding Action for 25 s factory-resets a linked speaker, across power cycles", "[sim][e2e]") {
    VirtualSpeaker world(home_world());
    sign_in(world);
    world.press(hal::Button::Action);
    world.advance(10s);
    CHECK(world.device_state() == fw::DeviceState::Linked);  // not yet
    world.advance(16s);
    world.release(hal::Button::Action);
    REQUIRE(wait_for(world, 10s, [&] { return world.ring_pattern() == fw::RingPattern::Setup; }));
    CHECK(world.device_state() == fw::DeviceState::Setup);

    world.power_off();
    world.power_on();
    world.advance(30s);
    CHECK(world.device_state() == fw::DeviceState::Setup);  // the stored token is gone too
}
