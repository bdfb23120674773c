// A person signs in at the verification page (email, password, two-step verification).
#include "runner/condition.hpp"
#include "runner/steps/steps.hpp"

#include <optional>

namespace ringside::runner {
namespace {

// What the page is expected to do with the submission.
enum class PageExpect { Decided, Refused };

template <typename T>
T pick(ScenarioNode& node, const std::vector<std::pair<std::string, T>>& choices) {
    const std::string value = node.str();
    std::vector<std::string> names;
    for (const auto& c : choices) {
        if (c.first == value) return c.second;
        names.push_back(c.first);
    }
    node.fail("unknown value '" + value + "'; expected one of: " + join(names));
}

} // namespace

void add_sign_in_steps(StepCatalog& c) {
    // user.sign_in: { account: jane, password: correct|wrong, otp: correct|wrong|expired|none,
    //                 action: approve|deny, within: 1m, expect: decided|refused }
    // Waits for the device to show a code, submits the verification page once, and checks
    // the page's answer: by default `decided` when every credential is right (and a
    // restricted account is not approving), else `refused`.
    c["user.sign_in"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        sim::PageSignIn form;
        form.account = a.require("account").str();
        if (auto n = a.get("password"))
            form.password = pick<sim::PageSignIn::Password>(
                *n, {{"correct", sim::PageSignIn::Password::Correct}, {"wrong", sim::PageSignIn::Password::Wrong}});
        if (auto n = a.get("otp"))
            form.otp = pick<sim::PageSignIn::Otp>(*n, {{"correct", sim::PageSignIn::Otp::Correct},
                                                       {"wrong", sim::PageSignIn::Otp::Wrong},
                                                       {"expired", sim::PageSignIn::Otp::Expired},
                                                       {"none", sim::PageSignIn::Otp::None}});
        if (auto n = a.get("action")) form.approve = pick<bool>(*n, {{"approve", true}, {"deny", false}});
        Millis within = std::chrono::minutes(1);
        if (auto n = a.get("within")) within = n->duration();
        std::optional<PageExpect> expected;
        if (auto n = a.get("expect"))
            expected = pick<PageExpect>(*n, {{"decided", PageExpect::Decided}, {"refused", PageExpect::Refused}});
        a.done();
        return [form, within, expected](sim::VirtualSpeaker& w) -> std::string {
            if (!w.run_until(w.now() + within, [&] { return !w.user_code().empty(); }))
                return "the device showed no user code within " + format_duration(within) + "; " + describe_now(w);
            // By default: decided when every credential the account needs is right, and the
            // account may link devices (a restricted one may only deny).
            bool needs_otp = false;
            bool restricted = false;
            for (const auto& account : w.cloud().config().accounts)
                if (account.id == form.account) {
                    needs_otp = account.mfa_totp;
                    restricted = account.restricted;
                }
            const bool all_right = form.password == sim::PageSignIn::Password::Correct &&
                                   (!needs_otp || form.otp == sim::PageSignIn::Otp::Correct) &&
                                   !(restricted && form.approve);
            const PageExpect expect = expected ? *expected : all_right ? PageExpect::Decided : PageExpect::Refused;
            const sim::PageResult result = w.sign_in_at_page(form);
            if (expect == PageExpect::Decided && !result.decided)
                return "the verification page refused the sign-in: " + std::to_string(result.status) + " " +
                       result.error;
            if (expect == PageExpect::Refused && result.decided)
                return "the verification page accepted a sign-in it should have refused (password, otp or restricted account)";
            return {};
        };
    };
}

} // namespace ringside::runner
