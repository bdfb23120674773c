// The kit's time-driven parts against the simulator's on the same inputs: timers, the
// loudspeaker and the microphone deliver the same events at the same world times in the
// same order (ties at one instant included), and the microphone the same PCM sample for
// sample, noise included — across re-arms, cancels, muting and power-off mid-utterance.
#include <catch2/catch.hpp>

#include <string>

#include "common/prng.hpp"
#include "part_rigs.hpp"

using namespace ringside;
using namespace ringside::test;

namespace {

// Both boards, the same seed and the same stand-in firmware.
struct Pair {
    explicit Pair(std::uint64_t seed, Reaction react = {}) : sim(seed), kit(seed) {
        sim.react = react;
        kit.react = react;
    }
    template <typename F>
    void both(F f) {
        f(sim);
        f(kit);
    }
    void run_to(Millis t) { both([&](auto& p) { test::run_to(p, t); }); }
    void speak(const std::string& text, int voice) {
        const Millis on_sim = sim.speak(text, voice), on_kit = kit.speak(text, voice);
        CHECK(on_kit == on_sim);  // when its last frame is due
    }
    void check() { check_same(sim.log, kit.log); }

    SimParts sim;
    KitParts kit;
};

std::size_t count(const std::vector<Delivered>& log, fw::EventType type) {
    std::size_t n = 0;
    for (const Delivered& d : log) n += d.type == type ? 1 : 0;
    return n;
}

} // namespace

TEST_CASE("kit timers fire, re-arm, cancel and clamp exactly as the simulator's", "[boards][timers]") {
    Pair p(1);
    p.run_to(Millis{1000});
    p.both([](auto& b) {
        b.timers.arm(3, hal::Millis{250});
        b.timers.arm(1, hal::Millis{100});
        b.timers.arm(1, hal::Millis{500});  // re-armed later
        b.timers.arm(2, hal::Millis{300});
        b.timers.arm(2, hal::Millis{50});   // re-armed earlier
        b.timers.arm(4, hal::Millis{-20});  // never in the past: now
        b.timers.arm(5, hal::Millis{250});  // ties with 3, armed after it
        b.timers.arm(6, hal::Millis{400});
        b.timers.cancel(6);
        b.timers.cancel(7);                 // idle: no-op
        b.timers.arm(hal::kMaxTimers, hal::Millis{1});
    });
    CHECK(p.kit.timers.armed(3) == p.sim.timers.armed(3));
    CHECK(p.kit.timers.due(3) == p.sim.timers.due(3));
    CHECK(p.kit.timers.invalid_ids() == 1);
    CHECK(p.sim.timers.invalid_ids() == 1);
    p.run_to(Millis{10'000});
    p.check();
    REQUIRE(p.kit.log.size() == 5);
    CHECK(p.kit.log[0].timer == 4);
    CHECK(p.kit.log[0].at == Millis{1000});
    CHECK(p.kit.log[2].timer == 3);  // 3 before 5 at 1250: scheduling order
    CHECK(p.kit.log[3].timer == 5);
    CHECK(p.kit.log[4].timer == 1);
    CHECK(p.kit.log[4].at == Millis{1500});
    CHECK(p.kit.queue.pending() == 0);
}

TEST_CASE("a timer re-armed from its own expiry and one armed for now run in the same instant, in order",
          "[boards][timers]") {
    Pair p(1, [](const fw::Event& e, Faces& f, Millis now) {
        if (e.type != fw::EventType::TimerExpired) return;
        if (e.timer == 0 && now < Millis{190}) {
            f.timers.arm(0, hal::Millis{10});
            f.timers.arm(1, hal::Millis{0});  // due now: runs in this instant, after what is queued for it
        }
    });
    p.both([](auto& b) { b.timers.arm(0, hal::Millis{0}); });
    p.run_to(Millis{10'000});
    p.check();
    CHECK(count(p.kit.log, fw::EventType::TimerExpired) == 39);
    CHECK(p.kit.log.back().at == Millis{190});
}

TEST_CASE("timers armed before and after a speak at the same instant tie with its frames as in the simulator",
          "[boards][timers][microphone]") {
    Pair p(3, [](const fw::Event& e, Faces& f, Millis now) {
        // From inside the first frame: one timer due in this very instant, one with the next frame.
        if (e.type == fw::EventType::MicFrame && now == Millis{1'010}) {
            f.timers.arm(4, hal::Millis{0});
            f.timers.arm(5, hal::Millis{10});
        }
    });
    p.run_to(Millis{1'000});
    p.both([](auto& b) {
        b.mic.set_capture(true);
        b.timers.arm(1, hal::Millis{10});  // before the speak: before its first frame
        b.timers.arm(6, hal::Millis{20});  // before the speak: before its second frame
    });
    p.speak("stop", 0);
    p.both([](auto& b) { b.timers.arm(2, hal::Millis{10}); });  // after the speak: after its first frame
    p.run_to(Millis{1'030});
    p.check();
    using T = fw::EventType;
    const std::vector<std::pair<T, int>> expected{{T::TimerExpired, 1}, {T::MicFrame, 0}, {T::TimerExpired, 2},
                                                  {T::TimerExpired, 4}, {T::TimerExpired, 6}, {T::MicFrame, 0},
                                                  {T::TimerExpired, 5}, {T::MicFrame, 0}};
    REQUIRE(p.kit.log.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(p.kit.log[i].type == expected[i].first);
        CHECK(p.kit.log[i].timer == expected[i].second);
    }
}

TEST_CASE("kit speech lasts as long as the simulator's and is replaced, stopped and cut alike", "[boards][speech]") {
    Pair p(1, [](const fw::Event& e, Faces& f, Millis now) {
        if (e.type == fw::EventType::SpeechDone && now < Millis{20'000}) f.speech.say("and again");
    });
    p.both([](auto& b) { b.speech.say("it is ten o'clock"); });
    CHECK(p.kit.speech.speaking());
    p.run_to(Millis{100});
    p.both([](auto& b) { b.speech.say("no, eleven"); });  // replaces: the first done never comes
    p.run_to(Millis{5'000});
    p.both([](auto& b) { b.speech.stop(); });
    CHECK_FALSE(p.kit.speech.speaking());
    p.run_to(Millis{30'000});
    p.both([](auto& b) { b.speech.say("cut off"); });
    p.run_to(Millis{30'100});
    p.both([](auto& b) {
        b.power_off();
        b.power_on();
    });
    p.run_to(Millis{60'000});
    p.check();
    REQUIRE_FALSE(p.kit.log.empty());
    CHECK(p.kit.log[0].at == Millis{100 + 300 + 60 * 10});  // "no, eleven": lead-in + 10 characters
}

TEST_CASE("the kit microphone plays the simulator's PCM frame for frame, noise included", "[boards][microphone]") {
    for (std::uint64_t seed : {1u, 7u, 424242u}) {
        CAPTURE(seed);
        Pair p(seed);
        p.both([](auto& b) { b.mic.set_capture(true); });
        p.speak("alexa, what time is it?", 3);
        p.run_to(Millis{300});
        p.speak("Stop!", 0);     // queued behind the first, upper case and '!' as the modem takes them
        p.speak("volume up", 7);
        p.run_to(Millis{20'000});
        p.check();
        CHECK(p.kit.mic.frames_delivered() == count(p.kit.log, fw::EventType::MicFrame));
        CHECK(p.kit.mic.frames_delivered() == p.sim.mic.frames_delivered());
        CHECK(p.kit.queue.pending() == 0);
    }
}

TEST_CASE("muting drops frames in the microphone on both, and the noise stream goes on", "[boards][microphone]") {
    Pair p(5, [](const fw::Event& e, Faces& f, Millis now) {
        // Mute after 300 ms of frames, unmute with a timer 200 ms later.
        if (e.type == fw::EventType::MicFrame && now == Millis{300}) {
            f.mic.set_capture(false);
            f.timers.arm(9, hal::Millis{200});
        }
        if (e.type == fw::EventType::TimerExpired && e.timer == 9) f.mic.set_capture(true);
    });
    p.both([](auto& b) { b.mic.set_capture(true); });
    p.speak("good morning", 2);
    p.run_to(Millis{5'000});
    p.check();
    CHECK(p.kit.mic.frames_dropped() == 20);
    CHECK(p.kit.mic.frames_dropped() == p.sim.mic.frames_dropped());
}

TEST_CASE("power-off mid-utterance voids the rest on both and the next utterance hears the same noise",
          "[boards][microphone][power]") {
    Pair p(11, [](const fw::Event& e, Faces& f, Millis) {
        if (e.type == fw::EventType::MicFrame) f.timers.arm(2, hal::Millis{0});  // ties inside the frame's instant
    });
    p.both([](auto& b) { b.mic.set_capture(true); });
    p.speak("play some music", 1);
    p.speak("louder", 4);  // queued: never played at all
    p.run_to(Millis{455});
    p.both([](auto& b) { b.power_off(); });
    CHECK(p.kit.queue.pending() == 0);
    p.run_to(Millis{700});
    p.speak("spoken while off", 6);  // void for the next power-on, but takes its time and noise
    p.run_to(Millis{800});
    p.both([](auto& b) {
        b.power_on();
        b.mic.set_capture(true);
    });
    p.speak("what's the weather", 5);  // after the void one: same start, same noise
    p.run_to(Millis{30'000});
    p.check();
    CHECK(count(p.kit.log, fw::EventType::MicFrame) > 100);
}

TEST_CASE("a random schedule of timers, speech, utterances, muting and power cycles plays identically",
          "[boards][timers][speech][microphone][power]") {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        CAPTURE(seed);
        common::Prng draw(seed * 7919);
        // The stand-in firmware: each reaction drawn from a stream of its own, one per board,
        // seeded alike, so both make the same choices as long as they see the same events.
        auto reaction = [](std::uint64_t s) {
            auto choices = std::make_shared<common::Prng>(s);
            return [choices](const fw::Event& e, Faces& f, Millis) {
                const std::uint32_t c = choices->below(100);
                if (e.type == fw::EventType::TimerExpired && c < 40)
                    f.timers.arm(static_cast<hal::TimerId>(choices->below(hal::kMaxTimers)), hal::Millis{choices->below(3) * 10});
                if (e.type == fw::EventType::MicFrame && c < 3) f.mic.set_capture(false);
                if (e.type == fw::EventType::MicFrame && c >= 3 && c < 8)
                    f.timers.arm(static_cast<hal::TimerId>(choices->below(4)), hal::Millis{choices->below(2) * 10});
                if (e.type == fw::EventType::TimerExpired && c >= 90) f.mic.set_capture(true);
                if (e.type == fw::EventType::SpeechDone && c < 50) f.speech.say("ok");
            };
        };
        SimParts sim(seed);
        KitParts kit(seed);
        sim.react = reaction(seed);
        kit.react = reaction(seed);
        Millis t{0};
        const char* texts[] = {"alexa", "stop", "what time is it", "turn on the lights, please", "", "z9 ?"};
        for (int step = 0; step < 400; ++step) {
            const std::uint32_t op = draw.below(100);
            if (op < 30) {
                const auto id = static_cast<hal::TimerId>(draw.below(hal::kMaxTimers + 1));
                const hal::Millis delay{static_cast<long long>(draw.below(8)) * 10 - 10};  // -10 .. 60: ties with frames
                sim.timers.arm(id, delay);
                kit.timers.arm(id, delay);
            } else if (op < 38) {
                const auto id = static_cast<hal::TimerId>(draw.below(hal::kMaxTimers));
                sim.timers.cancel(id);
                kit.timers.cancel(id);
            } else if (op < 48) {
                if (kit.mic.pending() == kit::KitMicrophone::kMaxPending) continue;
                const std::string text = texts[draw.below(6)];
                const int voice = static_cast<int>(draw.below(9));  // 8: no such voice, refused by both
                CHECK(kit.speak(text, voice) == sim.speak(text, voice));
            } else if (op < 54) {
                const bool on = draw.below(2) == 0;
                sim.mic.set_capture(on);
                kit.mic.set_capture(on);
            } else if (op < 60) {
                sim.speech.say("a sentence");
                kit.speech.say("a sentence");
            } else if (op < 62) {
                sim.speech.stop();
                kit.speech.stop();
            } else if (op < 65) {
                sim.power_off();
                kit.power_off();
                const Millis off_for{static_cast<long long>(draw.below(50)) * 10};
                t += off_for;
                run_to(sim, t);
                run_to(kit, t);
                if (draw.below(3) == 0) CHECK(kit.speak("while off", 1) == sim.speak("while off", 1));
                sim.power_on();
                kit.power_on();
            } else {
                t += Millis{static_cast<long long>(draw.below(40)) * 5};  // 5 ms steps: between frames too
                run_to(sim, t);
                run_to(kit, t);
            }
            CHECK(kit.now() == sim.now());
        }
        run_to(sim, t + Millis{60'000});
        run_to(kit, t + Millis{60'000});
        check_same(sim.log, kit.log);
        CHECK(kit.queue.overflows() == 0);
        CHECK(count(kit.log, fw::EventType::MicFrame) > 0);
        CHECK(count(kit.log, fw::EventType::TimerExpired) > 0);
    }
}
