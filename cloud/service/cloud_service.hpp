#pragma once
// The mock auth cloud's service logic: request + now -> response, no I/O, no wall clock.
// The in-process transport calls handle() at the virtual time a request arrives; the HTTP
// server (later) calls it with its own clock. Single-threaded: callers serialise.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloud/service/cloud_access.hpp"
#include "cloud/service/cloud_types.hpp"
#include "cloud/service/request_journal.hpp"
#include "cloud/voice/voice_world.hpp"

namespace ringside::cloud {

class CloudService final : public CloudAccess {
public:
    explicit CloudService(CloudConfig config);
    ~CloudService() override;
    CloudService(const CloudService&) = delete;
    CloudService& operator=(const CloudService&) = delete;

    // Serves one request: RFC 8414 metadata, RFC 8628 device authorization, RFC 6749 token
    // (device_code and refresh_token grants). Errors follow RFC 6749 §5.2.
    // Also RFC 7009 revocation at /oauth2/revoke and the verification page at /device
    // (GET shows a form; POST user_code, email, password, action=approve|deny).
    // Injected faults answer before any of this runs, so a faulted request changes no state.
    // Every answer carries a Date header (IMF-fixdate) from the configured calendar.
    CloudResponse handle(const CloudRequest& request, Millis now) override;

    // The user's side (the app confirming, or a person on the verification page).
    // `user_code` is matched case-insensitively with dashes and spaces ignored.
    // `account_id` is an account's id, or its email (case-insensitive). A code can be
    // decided once: approving or denying it again answers AlreadyUsed. A restricted account
    // gets Restricted and decides nothing, whatever the code.
    ApprovalResult approve(std::string_view user_code, std::string_view account_id, Millis now) override;
    ApprovalResult deny(std::string_view user_code, Millis now) override;
    // "The user approves after N polls": the code stays pending for the next `polls` polls
    // the service itself answers (faulted polls do not count), and is approved by the
    // account right after the last of them, so poll `polls` + 1 gets the tokens. Answers
    // Scheduled (Approved at once for polls <= 0), or why the code cannot be approved.
    ApprovalResult approve_after_polls(std::string_view user_code, std::string_view account_id, int polls,
                                       Millis now) override;

    // User codes ("XXXX-XXXX") issued but not yet approved, denied or expired at `now`,
    // oldest first: lets an app actor approve "the speaker's code" without reading it off
    // the device.
    std::vector<std::string> pending_user_codes(Millis now) const;

    // For the voice/skills API: whether a bearer token is a live access token at `now`
    // (issued here, not expired, not revoked), and whose account it acts for.
    bool access_token_valid(std::string_view token, Millis now) const;
    std::optional<std::string> access_token_account(std::string_view token, Millis now) const;
    // Whose account a live refresh token (current, not revoked) acts for; test face.
    std::optional<std::string> refresh_token_account(std::string_view token) const override;

    // The account holder removes the speaker ("Apps and Websites"): every grant the account
    // holds is revoked, refresh and access tokens alike. Returns how many were live.
    int revoke_account(std::string_view account_id, std::string_view device_serial) override;

    // Creates an account (the admin API's "accounts"). The email defaults to id@example.com.
    // Returns false, changing nothing, when the id or email is taken.
    bool add_account(Account account);
    // The admin's account changes; `account_id` as for approve(). Both return false, changing
    // nothing, for an unknown account. set_voice_code also refuses a code that is neither 4
    // digits nor empty (empty turns voice purchasing off); a new code, like the app's reset,
    // abandons a purchase waiting for a code and unlocks purchasing after wrong codes.
    bool set_restricted(std::string_view account_id, bool restricted);
    bool set_voice_code(std::string_view account_id, std::string voice_code);

    // Faults apply in the order added; see faults.hpp for counting and precedence.
    void add_fault(Fault fault) override;

    // One entry per handle() call, in call order. approve()/deny() are not HTTP requests and
    // are not journaled. With CloudConfig::journal_capacity set, only the newest entries are
    // held, and this copies them on each call: read requests() instead.
    const std::vector<JournalEntry>& journal() const override;
    // The journal itself: entries by number, what was dropped, exact counts.
    const RequestJournal& requests() const;
    // The effective configuration: the given one plus the demo account and speaker client,
    // with account emails filled in.
    const CloudConfig& config() const override;
    // The voice API's per-account state (lights, recordings, purchases): read by scenarios,
    // and the app's "delete recordings" acts on it. POST /v1/voice serves the API itself.
    VoiceWorld& voice_world();
    AccountVoiceState voice_state(const std::string& account_id) const override;
    int delete_recordings(const std::string& account_id) override;

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace ringside::cloud
