// What the companion app hears back from the speaker over the local setup channel.
#include <set>

#include "firmware/hal/setup_channel.hpp"
#include "runner/condition.hpp"
#include "runner/steps/steps.hpp"

namespace ringside::runner {
namespace {

const std::set<std::string>& progress_names() {
    static const std::set<std::string> names = [] {
        std::set<std::string> n;
        for (int p = 0; p <= static_cast<int>(hal::SetupProgress::Linked); ++p)
            n.insert(std::string(hal::to_string(static_cast<hal::SetupProgress>(p))));
        return n;
    }();
    return names;
}

std::string told_so_far(const sim::VirtualSpeaker& w) {
    std::string text;
    for (const sim::AppMessage& m : w.app_told()) text += (text.empty() ? "" : ", ") + m.name;
    return text.empty() ? "nothing" : text;
}

} // namespace

void add_setup_steps(StepCatalog& catalog) {
    // expect_app: { told: wifi_wrong_password, within: 10s }: the app hears that progress
    // report from now on (a report at this very instant counts) within the span.
    catalog["expect_app"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        ScenarioNode told_node = a.require("told");
        const std::string wanted = told_node.str();
        if (progress_names().count(wanted) == 0) {
            std::string expected;
            for (const auto& n : progress_names()) expected += (expected.empty() ? "" : ", ") + n;
            told_node.fail("unknown setup progress '" + wanted + "'; expected one of: " + expected);
        }
        auto within_node = a.get("within");
        const Millis within = within_node ? within_node->duration() : Millis(0);
        a.done();
        return [wanted, within](sim::VirtualSpeaker& w) -> std::string {
            std::size_t seen = w.app_told().size();
            while (seen > 0 && w.app_told()[seen - 1].at == w.now()) --seen;
            const auto heard = [&] {
                for (; seen < w.app_told().size(); ++seen)
                    if (w.app_told()[seen].name == wanted) return true;
                return false;
            };
            if (w.run_until(w.now() + within, heard)) return {};
            return "expected the app to be told " + wanted + " within " + format_duration(within) +
                   "; told so far: " + told_so_far(w) + "; " + describe_now(w);
        };
    };
}

} // namespace ringside::runner
