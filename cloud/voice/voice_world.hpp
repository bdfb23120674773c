#pragma once
// The cloud side of the voice API: per-account state the intents change (smart-home
// lights, recordings kept, purchases, voice-code attempts) and the intent handling itself.
// Pure logic: text + account + member -> answer. Who may call: the voice endpoint; the
// world's test face reads state and deletes recordings (the app's "delete recordings").
#include <map>
#include <string>
#include <vector>

#include "cloud/service/cloud_types.hpp"

namespace ringside::cloud {

inline constexpr int kWrongCodesBeforeLock = 3;

struct AccountVoiceState {
    bool lights_on = false;
    int recordings = 0;            // utterances the cloud keeps
    std::vector<std::string> purchases;
    int spent = 0;                 // dollars
    int wrong_codes = 0;
    bool purchasing_locked = false;
    std::string pending_item;      // waiting for the voice code
    int pending_price = 0;
};

struct VoiceAnswer {
    std::string speech;
    bool recordings_deleted = false;
};

class VoiceWorld {
public:
    // `request` is what was said after the wake word, lower case; `member` who said it.
    VoiceAnswer answer(const Account& account, const std::string& member, const std::string& request);

    AccountVoiceState& state(const std::string& account_id) { return states_[account_id]; }
    const AccountVoiceState* find(const std::string& account_id) const;
    // The app's "delete recordings": returns how many were deleted.
    int delete_recordings(const std::string& account_id);
    // The account's voice code was set or turned off (the app): a purchase waiting for the
    // old code is abandoned, and wrong codes and the lock they caused are forgotten.
    void voice_code_changed(const std::string& account_id);

    // Price of an item in the fixture catalogue (dollars).
    static int price_of(const std::string& item);

private:
    VoiceAnswer purchase(const Account& account, AccountVoiceState& s, const std::string& item);
    VoiceAnswer voice_code(const Account& account, AccountVoiceState& s, const std::string& said);

    std::map<std::string, AccountVoiceState> states_;
};

} // namespace ringside::cloud
