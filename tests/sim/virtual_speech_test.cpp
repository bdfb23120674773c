#include <catch2/catch.hpp>

#include "bus_rig.hpp"
#include "sim/board/trace_recorder.hpp"
#include "sim/board/virtual_speech.hpp"

using namespace ringside;
using sim::Millis;
using sim::test::run_all;

namespace {

struct SpeechRig : sim::test::BusRig {
    sim::TraceRecorder trace{scheduler};
    sim::VirtualSpeech speech{bus, trace};
};

} // namespace

TEST_CASE("a sentence lasts as long as it takes to say, then SpeechDone reaches the firmware", "[sim][speech]") {
    SpeechRig rig;
    rig.scheduler.advance_to(Millis{1000});
    rig.speech.say("hello");
    CHECK(rig.speech.speaking());
    REQUIRE(rig.speech.sentences().size() == 1);
    CHECK(rig.speech.sentences()[0].at == Millis{1000});
    CHECK(rig.speech.sentences()[0].text == "hello");
    REQUIRE(rig.trace.lines().size() == 1);
    CHECK(rig.trace.lines()[0].category == "speech");
    run_all(rig.scheduler, Millis{100'000});
    REQUIRE(rig.log.events.size() == 1);
    CHECK(rig.log.events[0].type == fw::EventType::SpeechDone);
    CHECK(rig.log.events[0].at == Millis{1000} + sim::VirtualSpeech::kLeadIn + 5 * sim::VirtualSpeech::kPerCharacter);
    CHECK_FALSE(rig.speech.speaking());
}

TEST_CASE("a new sentence replaces the one being said, stop ends it without SpeechDone", "[sim][speech]") {
    SpeechRig rig;
    rig.speech.say("a long first sentence");
    rig.scheduler.advance_to(Millis{100});
    rig.speech.say("second");
    run_all(rig.scheduler, Millis{100'000});
    REQUIRE(rig.log.events.size() == 1);  // only the second sentence finished
    CHECK(rig.log.events[0].at == Millis{100} + sim::VirtualSpeech::kLeadIn + 6 * sim::VirtualSpeech::kPerCharacter);

    rig.speech.say("cut short");
    rig.speech.stop();
    run_all(rig.scheduler, Millis{200'000});
    CHECK(rig.log.events.size() == 1);
    CHECK(rig.speech.sentences().size() == 3);
}
