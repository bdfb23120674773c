#include "cli/demo_cloud.hpp"

#include <cstdio>
#include <random>
#include <stdexcept>
#include <thread>

#include "runner/run_options.hpp"
#include "sim/cloud_client/issuer_cloud.hpp"
#include "sim/cloud_client/remote_cloud.hpp"
#include "cloud/server/cloud_server.hpp"

namespace ringside::cli {
namespace {

// A fresh secret per run: the admin API must not be guessable by another local user.
std::string fresh_admin_token() {
    std::random_device device;
    char buf[33];
    for (int i = 0; i < 4; ++i) std::snprintf(buf + 8 * i, 9, "%08x", device());
    return buf;
}

class LocalHttpCloud final : public DemoCloud {
public:
    LocalHttpCloud() {
        cloud::CloudServerOptions o;
        o.host = "127.0.0.1";
        o.port = 0;
        o.admin_token = fresh_admin_token();
        token_ = o.admin_token;
        server_ = std::make_unique<cloud::CloudServer>(std::move(o));
        if (server_->bind() < 0) throw std::runtime_error("the demo's cloud cannot listen: " + server_->why());
        serving_ = std::thread([this] { server_->serve(); });
    }
    ~LocalHttpCloud() override {
        server_->stop();
        serving_.join();
    }

    sim::CloudFactory factory() override {
        const cloud::RemoteCloudOptions remote{server_->issuer(), token_, ""};
        return [this, remote](const cloud::CloudConfig& config) {
            auto made = std::make_unique<cloud::RemoteCloud>(remote, config);
            world_issuer_ = config.issuer;
            tenant_url_ = made->tenant_url();
            return made;
        };
    }

    std::string browser_url(const std::string& shown) const override {
        // The speaker knows its cloud by the issuer's name; the browser reaches the same
        // tenant on the loopback port.
        if (shown.empty() || tenant_url_.empty() || shown.rfind(world_issuer_, 0) != 0) return shown;
        std::string issuer = world_issuer_;
        while (!issuer.empty() && issuer.back() == '/') issuer.pop_back();
        return tenant_url_ + shown.substr(issuer.size());
    }

    std::string describe() const override {
        return "cloud: the mock cloud at " + server_->issuer() + " (sign in as demo@example.com, the demo account)";
    }

    std::string external_issuer() const override { return {}; }

private:
    std::string token_;
    std::unique_ptr<cloud::CloudServer> server_;
    std::thread serving_;
    std::string world_issuer_, tenant_url_;
};

// Any RFC 8628 server: the speaker discovers it from its metadata and a person signs in on
// the server's own verification page, in real time.
class ExternalIssuer final : public DemoCloud {
public:
    explicit ExternalIssuer(sim::IssuerFlags flags) : flags_(std::move(flags)) {}

    sim::CloudFactory factory() override {
        return [this](const cloud::CloudConfig& config) {
            auto made = std::make_unique<cloud::IssuerCloud>(cloud::IssuerCloudOptions{flags_.issuer, flags_.ca_file}, config);
            made_ = made.get();
            return made;
        };
    }
    std::string browser_url(const std::string& shown) const override { return shown; }
    std::string describe() const override {
        return "cloud: " + flags_.issuer + " as client " + flags_.client_id + ", scope " + flags_.scope +
               " (an external RFC 8628 server, in real time; sign in on its own page)";
    }
    std::string external_issuer() const override { return flags_.issuer; }
    const std::vector<cloud::JournalEntry>* exchanges() const override { return made_ ? &made_->journal() : nullptr; }

private:
    sim::IssuerFlags flags_;
    const cloud::IssuerCloud* made_ = nullptr;  // owned by the world the factory made it for
};

} // namespace

std::unique_ptr<DemoCloud> make_demo_cloud(const DemoOptions& options) {
    if (options.issuer.issuer.empty()) return std::make_unique<LocalHttpCloud>();
    // A real server counts the wall clock and knows nothing of a scenario's accounts or faults.
    if (!options.scenario.empty())
        throw runner::UsageError("--issuer signs in a fresh speaker; a SCENARIO needs the mock cloud (drop --issuer)");
    if (options.speed != 1.0) throw runner::UsageError("--issuer runs in real time: --speed must stay 1");
    // The URL was checked as it was read (sim/issuer/issuer_flags.hpp), before any window opens.
    return std::make_unique<ExternalIssuer>(options.issuer);
}

} // namespace ringside::cli
