// What the companion app and the person using it do.
#include <optional>

#include "runner/condition.hpp"
#include "runner/steps/steps.hpp"

namespace ringside::runner {

void add_app_steps(StepCatalog& c) {
    c["app.provision"] = [](ScenarioNode& a, const Scenario& scenario) -> StepPlay {
        const std::string ssid = a.require("wifi").str();
        const std::string account = a.require("account").str();
        std::string password;
        // Without `band:` the world hands over the band of the network in range (the phone
        // is on it); resolved at play time, so a benchmark may move the network to another band.
        std::optional<hal::WifiBand> band;
        if (auto b = a.get("band")) {
            sim::WifiBand named{};
            if (!sim::parse(b->str(), named)) b->fail("unknown band '" + b->str() + "'; expected 2.4GHz or 5GHz");
            band = named == sim::WifiBand::GHz5 ? hal::WifiBand::GHz5 : hal::WifiBand::GHz2_4;
        }
        if (auto p = a.get("password")) {
            password = p->str();
        } else {
            // The app knows the password of a network the scenario declared.
            bool found = false;
            for (const auto& net : scenario.world.networks)
                if (net.ssid == ssid) {
                    password = net.password;
                    found = true;
                }
            if (!found) a.fail("app.provision: no password given and no network '" + ssid + "' declared under wifi:");
        }
        a.done();
        return [=](sim::VirtualSpeaker& w) {
            if (band) {
                w.provision(ssid, password, account, *band);
            } else {
                w.provision(ssid, password, account);
            }
            return std::string();
        };
    };
    // user.approve: jane | { account: jane, within: 1m, after_polls: 3, expect: approved|refused }:
    // waits for the device to show a code, then the user approves it from the account's
    // session (with after_polls: once the device has polled it that many more times);
    // passes when the cloud answers as expected (default approved).
    // user.deny: the person denies the code the speaker shows (nothing happens when it shows
    // none), as a person who changed their mind or distrusts the request would.
    c["user.deny"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        require_no_args(a);
        return [](sim::VirtualSpeaker& w) {
            const std::string code = w.user_code();
            if (!code.empty()) w.cloud().deny(code, w.now());
            return std::string();
        };
    };
    c["user.approve"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        std::string account;
        Millis within = std::chrono::minutes(1);
        int after_polls = 0;
        bool expect_approved = true;
        if (a.is_scalar()) {
            account = a.str();
        } else {
            account = a.require("account").str();
            if (auto n = a.get("within")) within = n->duration();
            if (auto n = a.get("after_polls")) after_polls = static_cast<int>(n->integer(1, 10000));
            if (auto n = a.get("expect")) {
                const std::string v = n->str();
                if (v != "approved" && v != "refused")
                    n->fail("unknown value '" + v + "' for user.approve.expect; expected one of: approved, refused");
                expect_approved = v == "approved";
            }
            a.done();
        }
        return [account, within, after_polls, expect_approved](sim::VirtualSpeaker& w) -> std::string {
            if (!w.run_until(w.now() + within, [&] { return !w.user_code().empty(); }))
                return "the device showed no user code within " + format_duration(within) + "; " + describe_now(w);
            const cloud::ApprovalResult result = w.approve_shown_code(account, after_polls);
            const bool approved = result == (after_polls > 0 ? cloud::ApprovalResult::Scheduled : cloud::ApprovalResult::Approved);
            if (expect_approved && !approved)
                return std::string("the cloud refused the approval: ") + cloud::to_string(result);
            if (!expect_approved && approved) return "the cloud approved a code it should have refused";
            return {};
        };
    };
}

} // namespace ringside::runner
