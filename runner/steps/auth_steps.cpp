// The account's side of sign-in after the fact (revocation), the home's internet link, and
// expectations on what the speaker keeps in flash and whose account it is linked to.
#include "runner/condition.hpp"
#include "runner/speaker_address.hpp"
#include "runner/steps/steps.hpp"
#include "sim/board/virtual_flash.hpp"

namespace ringside::runner {

void add_auth_steps(StepCatalog& c) {
    // app.revoke: jane | { account: jane }: the account holder removes the speaker in "Apps
    // and Websites"; every grant of the account dies. Fails when it held no live grant.
    // { account: jane, speaker: kitchen }: only that speaker's grants (the page lists each
    // device by the serial number it gave with its code); the others stay.
    // { account: jane, expect: nothing }: the holder finds nothing to remove (e.g. a factory
    // reset revoked the speaker's grant already); fails when a live grant was there (and
    // ends it, as removing it would).
    c["app.revoke"] = [](ScenarioNode& a, const Scenario& scenario) -> StepPlay {
        std::string account;
        std::optional<std::size_t> speaker;
        bool expect_nothing = false;
        if (a.is_scalar()) {
            account = a.str();
        } else {
            account = a.require("account").str();
            if (auto n = a.get("speaker")) {
                speaker = find_speaker(scenario, n->str());
                if (!speaker) n->fail("unknown speaker '" + n->str() + "'; see 'speakers' or 'fleet'");
            }
            if (auto e = a.get("expect")) {
                const std::string v = e->str();
                if (v != "revoked" && v != "nothing")
                    e->fail("bad value '" + v + "' for app.revoke.expect; expected revoked or nothing");
                expect_nothing = v == "nothing";
            }
            a.done();
        }
        if (account.empty()) a.fail("app.revoke needs an account, e.g. app.revoke: { account: jane }");
        return [account, speaker, expect_nothing](sim::VirtualSpeaker& w) -> std::string {
            std::string serial;
            if (speaker) {
                w.focus(*speaker);
                serial = w.serial_number();
                w.focus(0);
            }
            const int live = w.cloud().revoke_account(account, serial);
            if (expect_nothing && live != 0)
                return "app.revoke: expected account '" + account + "' to list nothing to remove, but it held " +
                       std::to_string(live) + " live grant(s)";
            if (!expect_nothing && live == 0)
                return "app.revoke: account '" + account + "' holds no live grant to revoke";
            return {};
        };
    };
    // flash.cut_power: { after_ops: 3 }: the supply dies during the flash operation after the
    // next 3 program/erase operations (that one lands half-done, later ones fail) until the
    // next power_on. The firmware keeps running on RAM meanwhile: follow with power_off.
    c["flash.cut_power"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const auto after = static_cast<std::uint64_t>(a.require("after_ops").integer(0, 1000000));
        a.done();
        return [after](sim::VirtualSpeaker& w) {
            w.flash().cut_power_after(after);
            return std::string();
        };
    };
    // expect_storage: { credentials: absent | present }: whether the speaker's flash holds a
    // refresh token now (read as the firmware would at boot).
    c["expect_storage"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const ScenarioNode n = a.require("credentials");
        const std::string value = n.str();
        if (value != "absent" && value != "present")
            n.fail("bad value '" + value + "' for expect_storage.credentials; expected absent or present");
        a.done();
        const bool want_present = value == "present";
        return [want_present](sim::VirtualSpeaker& w) -> std::string {
            const bool present = w.stored_refresh_token_present();
            if (present == want_present) return {};
            return std::string("expected the stored credentials ") + (want_present ? "present" : "absent") +
                   ", but a refresh token is " + (present ? "stored" : "not stored") + "; " + describe_now(w);
        };
    };
    // expect_linked_account: jane: the refresh token in flash is live at the cloud and
    // acts for this account.
    c["expect_linked_account"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const std::string account = a.str();
        if (!a.is_scalar() || account.empty()) a.fail("expect_linked_account needs an account id, e.g. expect_linked_account: jane");
        return [account](sim::VirtualSpeaker& w) -> std::string {
            const auto owner = w.stored_token_account();
            if (owner == account) return {};
            return "expected the speaker linked to '" + account + "', but its stored refresh token " +
                   (owner ? "acts for '" + *owner + "'" : std::string("is absent or dead at the cloud")) + "; " +
                   describe_now(w);
        };
    };
}

} // namespace ringside::runner
