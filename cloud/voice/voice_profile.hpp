#pragma once
// What an account holds for the voice API: who lives in the household (and how each
// sounds), subscriptions, the voice purchase code and limit, calendars and skills.
// Read from scenario files by runner/scenario_loader.cpp (keys in docs/scenarios.md).
#include <string>
#include <string_view>
#include <vector>

namespace ringside::cloud {

struct HouseholdMember {
    std::string id;                     // e.g. "jane"; the account owner's id is the account's
    int voice = 0;                      // pitch index of the tone modem, 0..7
    std::vector<std::string> calendar;  // today's entries, e.g. "dentist at 3 pm"
};

struct Skill {
    std::string name;                   // lower case, as spoken: "recipe box"
    bool permissions_match = true;      // false: its login state does not match the account's
};

struct VoiceProfile {
    std::vector<HouseholdMember> members;    // empty: the owner alone, voice 0
    std::vector<std::string> subscriptions;  // e.g. "music"
    std::string voice_code;                  // 4 digits; empty = voice purchasing off
    int purchase_limit = 100;                // dollars, summed over the account's purchases
    std::vector<Skill> skills;
};

// A voice code an account may hold: 4 digits, or empty (voice purchasing off).
inline bool valid_voice_code_setting(std::string_view code) {
    return code.empty() || (code.size() == 4 && code.find_first_not_of("0123456789") == std::string_view::npos);
}

} // namespace ringside::cloud
