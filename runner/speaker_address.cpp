#include "runner/speaker_address.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cloud/oauth/device_identity.hpp"
#include "common/prng.hpp"

namespace ringside::runner {
namespace {

// Steps about the world as a whole: never addressed to a speaker.
bool world_step(const std::string& name) {
    static const std::set<std::string> names{"advance",       "cloud.fault",     "mark",
                                             "expect_requests", "expect_request_gap", "expect_cloud",
                                             "expect_fleet",  "app.revoke",      "app.delete_recordings"};
    return names.count(name) != 0;
}

bool expectation(const std::string& name) { return name.rfind("expect_", 0) == 0; }

// Actions that take no time (each speaker's runs between two events of the world).
const std::set<std::string>& spreadable_steps() {
    static const std::set<std::string> names{"power_on", "power_off", "press",   "release",
                                             "app.provision", "user.deny", "wifi", "network"};
    return names;
}
bool spreadable(const std::string& name) { return spreadable_steps().count(name) != 0; }
std::string spreadable_list() {
    std::string out;
    for (const std::string& n : spreadable_steps()) out += (out.empty() ? "" : ", ") + n;
    return out;
}

// Plays `play` for each target at its own moment within `spread` of now, and lasts `spread`.
// The moments come from the world's seed and the step's place among the steps (not its line:
// a comment added above must not change the run).
std::string play_spread(sim::VirtualSpeaker& w, const StepPlay& play, const std::vector<std::size_t>& targets,
                        Millis spread, std::size_t ordinal) {
    common::Prng draw(w.seed() ^ ((static_cast<std::uint64_t>(ordinal) + 1) * 0x9e3779b97f4a7c15ull));
    const Millis start = w.now();
    // Shared: actions still scheduled when a failure ends the step early run later, and
    // must not reach into this frame.
    struct Pending {
        StepPlay play;
        std::string failure;
    };
    const auto pending = std::make_shared<Pending>(Pending{play, {}});
    for (const std::size_t t : targets) {
        const Millis at = start + Millis(draw.next() % static_cast<std::uint64_t>(std::max<long long>(spread.count(), 1)));
        w.at(at, [&w, pending, t] {
            w.focus(t);
            std::string message = pending->play(w);
            w.focus(0);
            if (!message.empty() && pending->failure.empty()) pending->failure = "speaker " + w.speaker_name(t) + ": " + message;
        });
    }
    w.run_until(start + spread, [&pending] { return !pending->failure.empty(); });
    return pending->failure;
}

bool valid_name(const std::string& name) {
    if (name.empty() || name.size() > 64 || name == "all") return false;
    for (const char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
    return true;
}

} // namespace

std::optional<std::size_t> find_speaker(const Scenario& s, const std::string& name) {
    for (std::size_t i = 0; i < s.world.speakers.size(); ++i)
        if (s.world.speakers[i].name == name) return i;
    return std::nullopt;
}

void read_speakers(std::optional<ScenarioNode> speakers, std::optional<ScenarioNode> fleet, Scenario& s) {
    if (speakers && fleet) fleet->fail("a scenario has either 'speakers' (named) or 'fleet: N' (alike), not both");
    std::vector<sim::SpeakerSpec>& out = s.world.speakers;
    if (fleet) {
        const long long n = fleet->integer(1, kMaxSpeakers);
        out.reserve(static_cast<std::size_t>(n));
        for (long long i = 1; i <= n; ++i) out.push_back({"s" + std::to_string(i), {}});
    }
    if (speakers) {
        if (!speakers->is_sequence() || speakers->items().empty())
            speakers->fail("speakers: expected a list of names, e.g. [kitchen, bedroom], or of { name, serial }");
        std::set<std::string> seen;
        for (ScenarioNode item : speakers->items()) {
            sim::SpeakerSpec spec;
            if (item.is_scalar()) {
                spec.name = item.str();
            } else {
                spec.name = item.require("name").str();
                if (auto serial = item.get("serial")) {
                    spec.serial_number = serial->str();
                    if (!cloud::valid_serial_number(spec.serial_number))
                        serial->fail("bad serial number '" + spec.serial_number + "'; expected 1 to 64 of A-Z a-z 0-9 - _ .");
                }
                item.done();
            }
            if (!valid_name(spec.name))
                item.fail("bad speaker name '" + spec.name + "'; expected 1 to 64 of A-Z a-z 0-9 - _, and not 'all'");
            if (!seen.insert(spec.name).second) item.fail("speaker '" + spec.name + "' is declared twice");
            out.push_back(std::move(spec));
        }
        if (static_cast<long long>(out.size()) > kMaxSpeakers)
            speakers->fail("at most " + std::to_string(kMaxSpeakers) + " speakers");
    }
    if (out.size() > 1 && s.sim_only.empty()) s.sim_only = "a world of several speakers runs on the virtual speaker only";
}

void address_step(Step& step, const ScenarioNode& item, const std::optional<ScenarioNode>& speaker,
                  const std::optional<ScenarioNode>& spread, const Scenario& s) {
    if (spread && (!speaker || speaker->str() != "all"))
        spread->fail("spread spaces out what every speaker does; it goes with 'speaker: all'");
    if (spread && !spreadable(step.name))
        spread->fail(step.name + " cannot be spread; spread goes with actions that take no time: " + spreadable_list());
    const std::vector<sim::SpeakerSpec>& speakers = s.world.speakers;
    if (world_step(step.name)) {
        if (speaker) speaker->fail(step.name + " is about the world as a whole and takes no 'speaker'");
        return;
    }
    if (!speaker) {
        if (speakers.size() > 1)
            item.fail("this scenario has " + std::to_string(speakers.size()) + " speakers; say which one " + step.name +
                      " is for with 'speaker: NAME'" + (expectation(step.name) ? "" : " (or 'speaker: all')"));
        return;
    }
    const std::string name = speaker->str();
    std::vector<std::size_t> targets;
    if (name == "all") {
        if (expectation(step.name))
            speaker->fail("an expectation is about one speaker; for the fleet as a whole write expect_fleet");
        for (std::size_t i = 0; i < std::max<std::size_t>(speakers.size(), 1); ++i) targets.push_back(i);
    } else {
        if (const auto found = find_speaker(s, name)) targets.push_back(*found);
        if (targets.empty())
            speaker->fail("unknown speaker '" + name + "'" +
                          (speakers.empty() ? "; this scenario declares no 'speakers'" : "; see 'speakers' or 'fleet'"));
    }
    if (spread) {
        const Millis span = spread->duration();
        step.play = [play = std::move(step.play), targets, span, ordinal = s.steps.size()](sim::VirtualSpeaker& w) {
            return play_spread(w, play, targets, span, ordinal);
        };
        return;
    }
    step.play = [play = std::move(step.play), targets, several = targets.size() > 1](sim::VirtualSpeaker& w) {
        for (const std::size_t t : targets) {
            w.focus(t);
            std::string message = play(w);
            if (!message.empty()) {
                w.focus(0);
                return several ? "speaker " + w.speaker_name(t) + ": " + message : message;
            }
        }
        w.focus(0);
        return std::string();
    };
}

} // namespace ringside::runner
