// Speech into the microphone, the app's "delete recordings", and expectations on the
// voice API's cloud-side state (smart-home lights, recordings, purchases).
#include "common/tone_modem.hpp"
#include "runner/condition.hpp"
#include "runner/steps/steps.hpp"

namespace ringside::runner {
namespace {

// The pitch of household member `id` in any declared account.
int voice_of(const ScenarioNode& node, const Scenario& scenario) {
    const std::string id = node.str();
    std::vector<std::string> known;
    for (const auto& account : scenario.world.cloud.accounts)
        for (const auto& m : account.voice.members) {
            if (m.id == id) return m.voice;
            known.push_back(m.id);
        }
    node.fail("unknown voice '" + id + "'; expected a household member declared under cloud.accounts (" +
              (known.empty() ? std::string("none declared") : join(known)) + ")");
}

const cloud::Account& account_named(const ScenarioNode& node, const Scenario& scenario) {
    const std::string id = node.str();
    for (const auto& account : scenario.world.cloud.accounts)
        if (account.id == id) return account;
    node.fail("unknown account '" + id + "'; expected an id declared under cloud.accounts");
}

} // namespace

void add_voice_steps(StepCatalog& c) {
    // say: "alexa what time is it" | { text: "...", voice: jane }: a person speaks; the
    // step queues the audio and returns at once (expectations wait for what follows).
    c["say"] = [](ScenarioNode& a, const Scenario& scenario) -> StepPlay {
        std::string text;
        int voice = 0;
        if (a.is_scalar()) {
            text = a.str();
        } else {
            text = a.require("text").str();
            if (auto v = a.get("voice")) voice = voice_of(*v, scenario);
            a.done();
        }
        if (text.empty()) a.fail("say needs some text");
        for (char ch : text)
            if (common::tone_modem::symbol_of(ch) < 0)
                a.fail(std::string("say: cannot speak '") + ch + "'; expected letters, digits, space and ' ? . , -");
        return [text, voice](sim::VirtualSpeaker& w) {
            w.say(text, voice);
            return std::string();
        };
    };
    // app.delete_recordings: { account: jane }: the Privacy page of the app.
    c["app.delete_recordings"] = [](ScenarioNode& a, const Scenario& scenario) -> StepPlay {
        const std::string account = account_named(a.require("account"), scenario).id;
        a.done();
        return [account](sim::VirtualSpeaker& w) {
            w.cloud().delete_recordings(account);
            return std::string();
        };
    };
    // expect_device_audio: empty: the device's utterance buffer holds no speech now.
    c["expect_device_audio"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        if (a.str() != "empty") a.fail("expect_device_audio takes 'empty'");
        return [](sim::VirtualSpeaker& w) -> std::string {
            const std::size_t held = w.device_audio_samples();
            if (held == 0) return {};
            return "expected the device's audio buffer empty; it holds " + std::to_string(held) + " samples";
        };
    };
    // expect_cloud: { account: jane, lights: on, recordings: 0, purchases: 1,
    //                 purchasing: locked, within: 10s }
    c["expect_cloud"] = [](ScenarioNode& a, const Scenario& scenario) -> StepPlay {
        const std::string account = account_named(a.require("account"), scenario).id;
        int lights = -1, recordings = -1, purchases = -1, locked = -1;
        if (auto n = a.get("lights")) {
            const std::string v = n->str();
            if (v != "on" && v != "off") n->fail("unknown lights '" + v + "'; expected on or off");
            lights = v == "on";
        }
        if (auto n = a.get("recordings")) recordings = static_cast<int>(n->integer(0, 1000000));
        if (auto n = a.get("purchases")) purchases = static_cast<int>(n->integer(0, 1000000));
        if (auto n = a.get("purchasing")) {
            const std::string v = n->str();
            if (v != "locked" && v != "open") n->fail("unknown purchasing '" + v + "'; expected locked or open");
            locked = v == "locked";
        }
        auto within_node = a.get("within");
        const Millis within = within_node ? within_node->duration() : Millis(0);
        const std::string wanted = a.one_line();
        a.done();
        return [=](sim::VirtualSpeaker& w) -> std::string {
            const auto describe_now = [&] {
                const cloud::AccountVoiceState s = w.cloud().voice_state(account);
                return std::string("lights ") + (s.lights_on ? "on" : "off") + ", recordings " +
                       std::to_string(s.recordings) + ", purchases " + std::to_string(s.purchases.size()) +
                       ", purchasing " + (s.purchasing_locked ? "locked" : "open");
            };
            const auto holds = [&] {
                const cloud::AccountVoiceState s = w.cloud().voice_state(account);
                return (lights < 0 || s.lights_on == (lights == 1)) &&
                       (recordings < 0 || s.recordings == recordings) &&
                       (purchases < 0 || static_cast<int>(s.purchases.size()) == purchases) &&
                       (locked < 0 || s.purchasing_locked == (locked == 1));
            };
            if (w.run_until(w.now() + within, holds)) return {};
            return "expected " + wanted + " within " + format_duration(within) + "; cloud has " + describe_now();
        };
    };
}

} // namespace ringside::runner
