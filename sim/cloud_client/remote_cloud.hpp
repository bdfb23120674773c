#pragma once
// The mock cloud behind `ringside cloud`, reached over real HTTP(S): the world's CloudAccess
// for `ringside run --cloud URL`. Each RemoteCloud is one tenant of the server (tenants.hpp),
// made with the world's cloud configuration, so the answers, codes and tokens are the ones
// the in-process cloud would give for the same seed. The tenant's clock is virtual: before
// each exchange the client moves it to the world's `now`; delays, dribbles and drops come
// back as headers (virtual_time_headers.hpp), as do transport breaks, and the world's
// network plays them in virtual time as it would for the cloud in process.
// Test-face reads (journal, voice state) are cached until the next exchange changes them,
// so expectations that look after every event cost no round trip.
// Who may call: one world's thread. The server's admin token authorises every call.
#include <memory>
#include <stdexcept>
#include <string>

#include "cloud/service/cloud_access.hpp"

namespace ringside::cloud {

struct RemoteCloudOptions {
    std::string url;          // http://127.0.0.1:8080 or https://...
    std::string admin_token;  // what `ringside cloud` printed
    std::string ca_file;      // PEM CA to trust for https (`ringside cloud --tls --ca-out`)
};

// The server cannot be reached or stopped answering: the run cannot go on, and it is not
// the firmware's fault. The message says which server and what went wrong.
struct CloudLost : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class RemoteCloud final : public CloudAccess {
public:
    // Makes the tenant; throws CloudLost when the server refuses or cannot be reached.
    RemoteCloud(const RemoteCloudOptions& options, const CloudConfig& config);
    ~RemoteCloud() override;  // closes the tenant (best effort)

    // Asks the server for nothing but its clock: throws CloudLost with the reason when
    // `options` cannot work (unreachable, wrong token, untrusted certificate).
    static void check(const RemoteCloudOptions& options);

    // Where the tenant's public pages are, e.g. http://127.0.0.1:8080/tenants/t1: a browser
    // opens the tenant's verification page at tenant_url() + "/device".
    std::string tenant_url() const;

    CloudResponse handle(const CloudRequest& request, Millis now) override;
    ApprovalResult approve(std::string_view user_code, std::string_view account_id, Millis now) override;
    ApprovalResult deny(std::string_view user_code, Millis now) override;
    ApprovalResult approve_after_polls(std::string_view user_code, std::string_view account_id, int polls,
                                       Millis now) override;
    int revoke_account(std::string_view account_id, std::string_view device_serial) override;
    void add_fault(Fault fault) override;
    std::optional<std::string> refresh_token_account(std::string_view token) const override;
    const std::vector<JournalEntry>& journal() const override;
    const CloudConfig& config() const override;
    AccountVoiceState voice_state(const std::string& account_id) const override;
    int delete_recordings(const std::string& account_id) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace ringside::cloud
