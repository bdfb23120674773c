#include "cloud/voice/voice_world.hpp"

#include <algorithm>

namespace ringside::cloud {
namespace {

bool contains(const std::string& text, const char* what) { return text.find(what) != std::string::npos; }

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '.' || s.back() == '?')) s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(s.begin());
    return s;
}

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const HouseholdMember* member_of(const Account& account, const std::string& id) {
    for (const auto& m : account.voice.members)
        if (m.id == id) return &m;
    return nullptr;
}

bool subscribed(const Account& account, const char* what) {
    const auto& subs = account.voice.subscriptions;
    return std::find(subs.begin(), subs.end(), what) != subs.end();
}

} // namespace

int VoiceWorld::price_of(const std::string& item) {
    if (item == "coffee") return 10;
    if (item == "paper towels") return 15;
    if (item == "batteries") return 20;
    if (item == "headphones") return 120;
    return 25;
}

const AccountVoiceState* VoiceWorld::find(const std::string& account_id) const {
    const auto it = states_.find(account_id);
    return it == states_.end() ? nullptr : &it->second;
}

int VoiceWorld::delete_recordings(const std::string& account_id) {
    AccountVoiceState& s = states_[account_id];
    const int deleted = s.recordings;
    s.recordings = 0;
    return deleted;
}

void VoiceWorld::voice_code_changed(const std::string& account_id) {
    const auto it = states_.find(account_id);
    if (it == states_.end()) return;  // nothing asked or locked yet
    AccountVoiceState& s = it->second;
    s.pending_item.clear();
    s.pending_price = 0;
    s.wrong_codes = 0;
    s.purchasing_locked = false;
}

VoiceAnswer VoiceWorld::answer(const Account& account, const std::string& member, const std::string& raw) {
    AccountVoiceState& s = states_[account.id];
    const std::string request = trim(raw);
    ++s.recordings;

    if (!s.pending_item.empty() && all_digits(request)) return voice_code(account, s, request);
    s.pending_item.clear();  // anything but a code abandons the purchase

    if (contains(request, "delete") && (contains(request, "said") || contains(request, "recording"))) {
        s.recordings = 0;
        return {"Okay, I deleted your voice recordings.", true};
    }
    if (request == "good morning") {
        s.lights_on = true;
        return {"Good morning! I turned on the lights. Here is the news: the Ringside team shipped voice today.", false};
    }
    if (contains(request, "calendar")) {
        const HouseholdMember* m = member_of(account, member);
        const std::string name = member.empty() ? account.id : member;
        if (!m || m->calendar.empty()) return {"Your calendar is empty today, " + name + ".", false};
        std::string list;
        for (std::size_t i = 0; i < m->calendar.size(); ++i) list += (i ? ", then " : "") + m->calendar[i];
        return {name + ", today you have " + list + ".", false};
    }
    if (starts_with(request, "play")) {
        if (!subscribed(account, "music"))
            return {"That needs a Ringside Music subscription. Would you like to start a free trial in the app?", false};
        return {"Playing " + (member.empty() ? account.id : member) + "'s music mix.", false};
    }
    if (starts_with(request, "buy ")) return purchase(account, s, trim(request.substr(4)));
    for (const char* verb : {"open ", "ask "}) {
        if (!starts_with(request, verb)) continue;
        const std::string name = trim(request.substr(std::string(verb).size()));
        for (const Skill& skill : account.voice.skills) {
            if (!starts_with(name, skill.name)) continue;
            if (!skill.permissions_match)
                return {"I can't use " + skill.name + " with this sign-in. Please review the skill's permissions in the Ringside app.", false};
            return {"Welcome to " + skill.name + ".", false};
        }
        return {"I can't find a skill called " + name + ".", false};
    }
    return {"Sorry, I don't know that one.", false};
}

VoiceAnswer VoiceWorld::purchase(const Account& account, AccountVoiceState& s, const std::string& item) {
    if (account.voice.voice_code.empty()) return {"Voice purchasing is turned off for this account.", false};
    if (s.purchasing_locked) return {"Voice purchasing is locked. You can unlock it in the Ringside app.", false};
    const int price = price_of(item);
    if (s.spent + price > account.voice.purchase_limit)
        return {"Sorry, " + item + " would go over your purchase limit.", false};
    s.pending_item = item;
    s.pending_price = price;
    return {item + " costs " + std::to_string(price) + " dollars. To buy it, say your voice code.", false};
}

VoiceAnswer VoiceWorld::voice_code(const Account& account, AccountVoiceState& s, const std::string& said) {
    const std::string item = s.pending_item;
    s.pending_item.clear();
    if (said != account.voice.voice_code) {
        if (++s.wrong_codes >= kWrongCodesBeforeLock) {
            s.purchasing_locked = true;
            return {"That code is wrong. Voice purchasing is now locked.", false};
        }
        return {"That code is wrong, so I didn't buy it.", false};
    }
    s.wrong_codes = 0;
    s.spent += s.pending_price;
    s.purchases.push_back(item);
    return {"Okay, I bought " + item + ".", false};
}

} // namespace ringside::cloud
