#pragma once
// How the virtual world reaches the mock cloud: the service itself in this process
// (CloudService), or the same service behind `ringside cloud` over real HTTP
// (sim/cloud_client/remote_cloud.hpp). Two faces: handle() is what the speaker's network
// carries; the rest is the test face the app actor, the browser user and scenario steps use.
// Every `now` is the world's virtual time; an implementation over HTTP moves the remote
// cloud's clock to it first, so both reach the same answers.
// Who may call: the world (VirtualSpeaker and its actors) and scenario steps, one thread.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloud/service/cloud_types.hpp"
#include "cloud/voice/voice_world.hpp"

namespace ringside::cloud {

class CloudAccess {
public:
    virtual ~CloudAccess() = default;

    // One HTTP exchange arriving at `now` (cloud_service.hpp says what is served).
    virtual CloudResponse handle(const CloudRequest& request, Millis now) = 0;

    // The app confirming a code from `account_id`'s session; denying one.
    virtual ApprovalResult approve(std::string_view user_code, std::string_view account_id, Millis now) = 0;
    virtual ApprovalResult deny(std::string_view user_code, Millis now) = 0;
    // Approval once the device has polled `polls` more times (cloud_service.hpp).
    virtual ApprovalResult approve_after_polls(std::string_view user_code, std::string_view account_id, int polls,
                                               Millis now) = 0;
    // "Apps and Websites": every grant of the account revoked — or, with a serial number,
    // the grants of that one device (the page lists each); how many were live.
    virtual int revoke_account(std::string_view account_id, std::string_view device_serial) = 0;
    virtual void add_fault(Fault fault) = 0;

    // Whose account a live refresh token acts for (test face on the speaker's flash).
    virtual std::optional<std::string> refresh_token_account(std::string_view token) const = 0;
    // Every request the cloud saw, in order. The reference stays valid; the vector grows.
    virtual const std::vector<JournalEntry>& journal() const = 0;
    // The effective configuration (demo account and speaker client added).
    virtual const CloudConfig& config() const = 0;
    // The voice API's per-account state; the app's "delete recordings" (how many).
    virtual AccountVoiceState voice_state(const std::string& account_id) const = 0;
    virtual int delete_recordings(const std::string& account_id) = 0;
};

} // namespace ringside::cloud
