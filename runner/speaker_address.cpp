#include "runner/speaker_address.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "cloud/oauth/device_identity.hpp"

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

bool valid_name(const std::string& name) {
    if (name.empty() || name.size() > 64 || name == "all") return false;
    for (const char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
    return true;
}

} // namespace

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

void address_step(Step& step, const ScenarioNode& item, const std::optional<ScenarioNode>& speaker, const Scenario& s) {
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
        for (std::size_t i = 0; i < speakers.size(); ++i)
            if (speakers[i].name == name) targets.push_back(i);
        if (targets.empty())
            speaker->fail("unknown speaker '" + name + "'" +
                          (speakers.empty() ? "; this scenario declares no 'speakers'" : "; see 'speakers' or 'fleet'"));
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
