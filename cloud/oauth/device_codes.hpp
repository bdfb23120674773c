#pragma once
// RFC 8628 device authorizations from issue to consumption: what a poll may be answered
// and what the user's approval or denial does to it.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cloud/service/cloud_types.hpp"
#include "cloud/oauth/device_identity.hpp"
#include "cloud/oauth/code_source.hpp"

namespace ringside::cloud {

enum class DeviceCodeState { Pending, Approved, Denied, Consumed };

struct DeviceAuthorization {
    std::string device_code;
    std::string user_code;       // canonical, see user_code.hpp
    std::string client_id;       // the only client that may redeem it (RFC 8628 §3.4)
    std::string scope;
    DeviceIdentity device;       // what the device said about itself; shown on the page
    Millis expires_at{0};
    Millis interval{0};          // grows with each slow_down, for this and all later polls
    std::optional<Millis> last_poll;
    DeviceCodeState state = DeviceCodeState::Pending;
    std::string account_id;      // who approved; the tokens belong to this account
    // A booked approval (approve_after_polls): `account_id` approves once `polls_to_approval`
    // more polls have been answered pending. Negative: none booked.
    int polls_to_approval = -1;
};

enum class PollVerdict { InvalidGrant, ExpiredToken, AccessDenied, AuthorizationPending, SlowDown, Approved };

struct PollResult {
    PollVerdict verdict = PollVerdict::InvalidGrant;
    const DeviceAuthorization* authorization = nullptr;  // set when the code was recognised
};

class DeviceCodeRegistry {
public:
    // RFC 8628 §3.5.
    static constexpr Millis kSlowDownStep = std::chrono::seconds(5);

    const DeviceAuthorization& issue(std::string client_id, std::string scope, DeviceIdentity device,
                                     Millis now, Millis lifetime, Millis interval, CodeSource& source);

    // One token-endpoint poll. An Approved verdict consumes the code: the caller must issue
    // the tokens from `authorization` now, as any later poll is answered invalid_grant.
    PollResult poll(std::string_view device_code, std::string_view client_id, Millis now);

    // The account must already be known to exist; `user_code` is as typed.
    ApprovalResult approve(std::string_view user_code, std::string_view account_id, Millis now);
    ApprovalResult deny(std::string_view user_code, Millis now);
    // Books the approval for after the next `polls` polls (at once when polls <= 0).
    ApprovalResult approve_after_polls(std::string_view user_code, std::string_view account_id, int polls, Millis now);

    const DeviceAuthorization* find_by_user_code(std::string_view user_code) const;
    // The authorization behind `user_code` (as typed) while it still awaits a decision at
    // `now`; nullptr once decided, expired or never issued.
    const DeviceAuthorization* find_pending(std::string_view user_code, Millis now) const;

    // Canonical user codes still awaiting a decision at `now`, oldest first.
    std::vector<std::string> pending_user_codes(Millis now) const;

private:
    DeviceAuthorization* decidable(std::string_view user_code, Millis now, ApprovalResult& refusal);

    std::unordered_map<std::string, DeviceAuthorization> by_device_code_;
    std::unordered_map<std::string, std::string> device_code_by_user_code_;
    std::vector<std::string> device_codes_in_issue_order_;  // hash maps have no stable order
};

} // namespace ringside::cloud
