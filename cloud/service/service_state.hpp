#pragma once
// Everything the endpoints share. Internal to the cloud (cloud/): other layers go through
// CloudService.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cloud/service/cloud_types.hpp"
#include "cloud/service/request_journal.hpp"
#include "cloud/oauth/device_codes.hpp"
#include "cloud/faults/faults.hpp"
#include "cloud/oauth/code_source.hpp"
#include "cloud/oauth/token_registry.hpp"

namespace ringside::cloud {

// RFC 8628 §3.2: the interval a client assumes when none is given, used when the config
// asks for none.
inline constexpr Millis kDefaultPollInterval = std::chrono::seconds(5);

// Granted when a client asks for no scope, so every token response can name its scope.
inline constexpr std::string_view kDefaultScope = "speaker";

inline constexpr int kMaxWrongUserCodes = 5;
inline constexpr Millis kUserCodeLockout = std::chrono::minutes(15);

// GET /device?user_code=X names the device for a pending code, so without a limit it would
// tell a guesser which codes are live without signing in (an oracle around the per-account
// limit above). Cloud-wide, as a request carries no session: after this many lookups of
// codes that are not pending within one window, lookups name nothing until the window
// ends. Sign-in still works; the device is then named once the person has signed in.
inline constexpr int kMaxUnknownCodeLookups = 20;
inline constexpr Millis kCodeLookupWindow = std::chrono::minutes(1);

// What the built-in speaker client is called on the verification page.
inline constexpr std::string_view kSpeakerClientName = "Ringside One speaker";

// The config with the always-present demo account and speaker client added, account
// emails filled in and a usable poll interval.
CloudConfig effective_config(CloudConfig config);

struct ServiceState {
    explicit ServiceState(CloudConfig requested)
        : config(effective_config(std::move(requested))), codes(config.os_random_codes ? CodeSource::os() : CodeSource(config.seed)),
          faults(config.seed) {
        if (config.dialect == Dialect::Lwa) {
            tokens.access_prefix = "Atza|";
            tokens.refresh_prefix = "Atzr|";
        }
    }

    const Client* find_client(std::string_view client_id) const;
    // By id, or by email ignoring case (people sign in with their email).
    const Account* find_account(std::string_view id_or_email) const;
    Account* find_account(std::string_view id_or_email);

    // `account` (known to exist) approves `user_code`, from the app or the verification page:
    // the one place that enforces Account::restricted. A restricted account is refused before
    // the code is looked at, so the refusal says nothing about whether the code is live.
    ApprovalResult approve(const Account& account, std::string_view user_code, Millis now);

    CloudConfig config;
    CodeSource codes;  // user codes, device codes, tokens
    DeviceCodeRegistry device_codes;
    TokenRegistry tokens;
    FaultTable faults;
    RequestJournal journal{config.journal_capacity};
    // Per account, the TOTP step of the last one-time code accepted: a code is good once
    // (RFC 6238 §5.2), so that step and earlier ones are refused afterwards.
    std::map<std::string, std::uint64_t> last_totp_step;
    // RFC 8628 §5.1: user codes are short enough to guess, so each account's sign-in session
    // gets kMaxWrongUserCodes wrong entries, then code entry is locked for kUserCodeLockout.
    struct CodeGuesses {
        int wrong = 0;
        Millis locked_until{0};
    };
    std::map<std::string, CodeGuesses> code_guesses;
    // Lookups of codes that are not pending in the current window (kMaxUnknownCodeLookups).
    struct CodeLookups {
        int unknown = 0;
        Millis window_start{0};
    };
    CodeLookups code_lookups;
};

} // namespace ringside::cloud
