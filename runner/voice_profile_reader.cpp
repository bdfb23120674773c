#include "runner/voice_profile_reader.hpp"

#include "common/tone_modem.hpp"

namespace ringside::runner {
namespace {

std::vector<std::string> strings(const ScenarioNode& list) {
    if (!list.is_sequence()) list.fail(list.context() + " must be a list of strings");
    std::vector<std::string> out;
    for (const ScenarioNode& n : list.items()) out.push_back(n.str());
    return out;
}

int voice_index(const ScenarioNode& n) {
    return static_cast<int>(n.integer(0, common::tone_modem::kVoiceCount - 1));
}

} // namespace

void read_voice_profile(ScenarioNode& a, cloud::Account& account) {
    cloud::VoiceProfile& p = account.voice;
    // The owner is always a member: their voice (default 0) and calendar.
    cloud::HouseholdMember owner;
    owner.id = account.id;
    if (auto n = a.get("voice")) owner.voice = voice_index(*n);
    if (auto n = a.get("calendar")) owner.calendar = strings(*n);
    p.members.push_back(owner);
    if (auto household = a.get("household")) {
        if (!household->is_sequence()) household->fail("household must be a list of { id, voice, calendar }");
        for (ScenarioNode m : household->items()) {
            cloud::HouseholdMember member;
            member.id = m.require("id").str();
            member.voice = voice_index(m.require("voice"));
            if (auto n = m.get("calendar")) member.calendar = strings(*n);
            m.done();
            for (const auto& other : p.members)
                if (other.voice == member.voice) m.fail("household member '" + member.id + "' has the same voice as '" + other.id + "'");
            p.members.push_back(member);
        }
    }
    if (auto n = a.get("subscriptions")) p.subscriptions = strings(*n);
    if (auto n = a.get("voice_code")) {
        p.voice_code = n->str();
        // Empty is refused here: a scenario turns purchasing off by leaving the key out.
        if (p.voice_code.empty() || !cloud::valid_voice_code_setting(p.voice_code))
            n->fail("voice_code must be 4 digits, e.g. \"1234\"");
    }
    if (auto n = a.get("purchase_limit")) p.purchase_limit = static_cast<int>(n->integer(0, 1000000));
    if (auto skills = a.get("skills")) {
        if (!skills->is_sequence()) skills->fail("skills must be a list of { name, permissions: match|mismatch }");
        for (ScenarioNode s : skills->items()) {
            cloud::Skill skill;
            skill.name = s.require("name").str();
            if (auto n = s.get("permissions")) {
                const std::string v = n->str();
                if (v != "match" && v != "mismatch") n->fail("unknown permissions '" + v + "'; expected match or mismatch");
                skill.permissions_match = v == "match";
            }
            s.done();
            p.skills.push_back(skill);
        }
    }
}

} // namespace ringside::runner
