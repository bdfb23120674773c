// The token store seals through hal::Crypto on the device: every commit is sealed, every
// boot opens, and a cipher that refuses leaves nothing half-written.
#include <catch2/catch.hpp>

#include "fake_board.hpp"

using namespace ringside;
using namespace ringside::fw;
using ringside::test::Rig;
using namespace std::chrono_literals;

TEST_CASE("the speaker's token store seals each commit and opens at boot", "[storage][crypto]") {
    Rig r;
    r.link(3600);
    CHECK(r.hw.crypto.seals == 1);
    CHECK(r.hw.trace.count("storage", "commit") == 1);
    const int opens = r.hw.crypto.opens;
    r.power_off();
    r.power_on();
    r.advance(2s);
    CHECK(r.hw.crypto.opens > opens);
    CHECK(r.speaker->device_state() == DeviceState::JoiningWifi);
}

TEST_CASE("a record that fails to open is not loaded: setup, not garbage", "[storage][crypto]") {
    Rig r;
    r.link(3600);
    r.power_off();
    r.hw.crypto.failing = true;  // e.g. the key changed (board swap) or bytes were tampered
    r.power_on();
    r.advance(2s);
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.hw.trace.count("storage", "load", "empty") == 2);  // the first boot, and this one
}

TEST_CASE("a cipher that refuses to seal fails the commit, stays linked on RAM", "[storage][crypto]") {
    Rig r;
    r.hw.crypto.failing = true;
    r.link(3600);
    CHECK(r.speaker->device_state() == DeviceState::Linked);
    CHECK(r.hw.trace.count("storage", "commit_failed") == 1);
    CHECK(r.hw.flash.sector_blank(0));
    CHECK(r.hw.flash.sector_blank(1));
}
