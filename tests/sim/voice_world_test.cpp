// The voice path end to end in the virtual world: the microphone's PCM through the real
// firmware to the cloud's voice API and back to the loudspeaker. No secret is traced or
// journaled, mute delivers no frames, and the same seed gives the same run.
#include <catch2/catch.hpp>

#include "home_world.hpp"

#include <string>

#include "sim/virtual_speaker.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using sim::Millis;
using sim::VirtualSpeaker;

namespace {

sim::WorldConfig voice_world(std::uint64_t seed) {
    cloud::Account jane = sim::test::jane();
    jane.voice.members = {{"jane", 0, {"dentist at 3 pm"}}};
    jane.voice.voice_code = "4711";
    return sim::test::home_world(seed, jane);
}

bool said(VirtualSpeaker& world, const std::string& text, Millis within) {
    std::size_t seen = world.spoken().size();
    return world.run_until(world.now() + within, [&] {
        for (; seen < world.spoken().size(); ++seen)
            if (world.spoken()[seen].text.find(text) != std::string::npos) return true;
        return false;
    });
}

std::string run_purchase(std::uint64_t seed) {
    VirtualSpeaker world(voice_world(seed));
    sim::test::sign_in_at_home(world);
    world.say("alexa buy coffee", 0);
    REQUIRE(said(world, "say your voice code", 10s));
    REQUIRE(world.run_until(world.now() + 10s, [&] { return world.ring_pattern() == fw::RingPattern::Listening; }));
    world.say("4711", 0);
    REQUIRE(said(world, "I bought coffee", 10s));
    std::string all;
    for (const sim::TraceLine& line : world.trace())
        all += std::to_string(line.at.count()) + " " + line.category + " " + line.event + " " + line.detail + "\n";
    for (const auto& entry : world.cloud().journal()) all += entry.path + " " + entry.endpoint + "\n";
    return all;
}

} // namespace

TEST_CASE("a spoken request reaches the voice API and the answer is said", "[sim][voice]") {
    VirtualSpeaker world(voice_world(3));
    sim::test::sign_in_at_home(world);
    world.say("alexa what's on my calendar", 0);
    CHECK(said(world, "dentist at 3 pm", 10s));
    CHECK(world.mic_frames_delivered() > 0);
    CHECK(world.device_audio_samples() == 0);
}

TEST_CASE("neither the voice code, the words said nor a token is traced or journaled", "[sim][voice]") {
    const std::string all = run_purchase(5);
    CHECK(all.find("4711") == std::string::npos);
    CHECK(all.find("buy coffee") == std::string::npos);  // what the user said (replies may name the item)
    CHECK(all.find("rs_at.") == std::string::npos);
    CHECK(all.find("Bearer") == std::string::npos);
}

TEST_CASE("the same seed gives the same voice run, trace for trace", "[sim][voice]") {
    CHECK(run_purchase(9) == run_purchase(9));
}

TEST_CASE("while muted the microphone delivers no frames at all", "[sim][voice]") {
    VirtualSpeaker world(voice_world(4));
    sim::test::sign_in_at_home(world);
    world.press(hal::Button::MicMute);
    world.release(hal::Button::MicMute);
    const auto before = world.mic_frames_delivered();
    world.say("alexa what's on my calendar", 0);
    world.advance(10s);
    CHECK(world.mic_frames_delivered() == before);
    CHECK(world.ring_pattern() == fw::RingPattern::MicOff);
}
