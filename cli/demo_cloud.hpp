#pragma once
// The cloud the demo's speaker signs in against, and where a person's browser reaches it.
// The one implementation so far is the mock cloud served over real HTTP on 127.0.0.1 (a
// free port) inside the demo's process: the world reaches its own tenant of that server
// as `ringside run --cloud URL` would, so the verification page the panel names is the
// tenant's real /device page, and a browser's sign-in there is what the speaker polls for.
// --issuer URL: any RFC 8628 server instead, reached for real (sim/cloud_client/issuer_cloud.hpp),
// as the client and scope of --client-id and --scope, trusting --ca.
// Who may call: run_demo_window, on the demo's thread.
#include <memory>
#include <string>
#include <vector>

#include "cli/demo_options.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::cli {

class DemoCloud {
public:
    virtual ~DemoCloud() = default;
    // How the world makes its cloud (one world per DemoCloud).
    virtual sim::CloudFactory factory() = 0;
    // The URL a person opens for `shown`, the verification URL the speaker shows (empty
    // stays empty).
    virtual std::string browser_url(const std::string& shown) const = 0;
    // One line for the terminal: which cloud, and whom to sign in as.
    virtual std::string describe() const = 0;
    // The external RFC 8628 server signed in against (--issuer), empty for the demo's own
    // cloud. Such a server counts real time: its world is on the wall calendar, runs at 1x
    // only, and the app hands it the home Wi-Fi at once (sim/app/home_wifi.hpp).
    virtual std::string external_issuer() const = 0;
    // The exchanges with that external server so far (cli/issuer_exchanges.hpp prints them);
    // nullptr for the demo's own cloud, and before the world made its cloud.
    virtual const std::vector<cloud::JournalEntry>* exchanges() const { return nullptr; }
};

// The cloud `options` ask for. Throws runner::UsageError for what cannot be used
// (--issuer with a scenario or a speed), std::runtime_error when the local server cannot start.
std::unique_ptr<DemoCloud> make_demo_cloud(const DemoOptions& options);

} // namespace ringside::cli
