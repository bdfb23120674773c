#include "runner/scenario_executor.hpp"

#include "runner/condition.hpp"

namespace ringside::runner {
namespace {

// Counts journal entries matching a filter, scanning each entry once however often asked.
class RequestCounter {
public:
    RequestCounter(const RequestFilter& filter, const cloud::CloudService& cloud, std::size_t from = 0)
        : filter_(filter), cloud_(cloud), scanned_(from) {}
    // Times (virtual) of the matching entries seen so far.
    const std::vector<Millis>& update() {
        const auto& journal = cloud_.journal();
        for (; scanned_ < journal.size(); ++scanned_)
            if (matches(filter_, journal[scanned_])) times_.push_back(journal[scanned_].at);
        return times_;
    }

private:
    const RequestFilter& filter_;
    const cloud::CloudService& cloud_;
    std::size_t scanned_;
    std::vector<Millis> times_;
};

class Player {
public:
    explicit Player(sim::WorldConfig config) : world_(std::move(config)) {}

    // Returns the failure message, empty when the step held.
    std::string play(const Step& step) {
        switch (step.kind) {
        case StepKind::PowerOn: world_.power_on(); return {};
        case StepKind::PowerOff: world_.power_off(); return {};
        case StepKind::Press: world_.press(step.button); return {};
        case StepKind::Release: world_.release(step.button); return {};
        case StepKind::Hold:
            world_.press(step.button);
            world_.advance(step.duration);
            world_.release(step.button);
            return {};
        case StepKind::Provision: world_.provision(step.ssid, step.password, step.account); return {};
        case StepKind::Approve: return approve(step);
        case StepKind::Advance: world_.advance(step.duration); return {};
        case StepKind::CloudFault: world_.cloud().add_fault(step.fault); return {};
        case StepKind::ExpectState: return expect_state(step);
        case StepKind::ExpectNever: return expect_never(step);
        case StepKind::ExpectRequests: return expect_requests(step);
        case StepKind::ExpectRequestGap: return expect_request_gap(step);
        }
        return "internal error: unhandled step kind";
    }

    sim::VirtualSpeaker& world() { return world_; }

private:
    Millis deadline(const Step& step) const { return world_.now() + step.duration; }

    std::string approve(const Step& step) {
        const bool shown = world_.run_until(deadline(step), [&] { return !world_.user_code().empty(); });
        if (!shown)
            return "the device showed no user code within " + format_duration(step.duration) + "; " + describe_now(world_);
        const cloud::ApprovalResult result = world_.approve_shown_code(step.account);
        if (result != cloud::ApprovalResult::Approved)
            return std::string("the cloud refused the approval: ") + cloud::to_string(result);
        return {};
    }

    std::string expect_state(const Step& step) {
        if (world_.run_until(deadline(step), [&] { return holds(step.condition, world_); })) return {};
        return "expected " + describe(step.condition) + " within " + format_duration(step.duration) + "; " +
               describe_now(world_);
    }

    std::string expect_never(const Step& step) {
        const Millis start = world_.now();
        if (!world_.run_until(deadline(step), [&] { return holds(step.condition, world_); })) return {};
        return describe(step.condition) + " held " + format_duration(world_.now() - start) + " into a span of " +
               format_duration(step.duration) + " where it must never hold";
    }

    std::string expect_requests(const Step& step) {
        RequestCounter counter(step.filter, world_.cloud());
        const int wanted = step.at_least ? *step.at_least : *step.exactly;
        world_.run_until(deadline(step), [&] { return static_cast<int>(counter.update().size()) >= wanted; });
        const int seen = static_cast<int>(counter.update().size());
        if (step.exactly && seen != *step.exactly)
            return "expected exactly " + std::to_string(*step.exactly) + " " + describe(step.filter) + ", saw " + std::to_string(seen);
        if (step.at_least && seen < *step.at_least)
            return "expected at least " + std::to_string(*step.at_least) + " " + describe(step.filter) + " within " +
                   format_duration(step.duration) + ", saw " + std::to_string(seen);
        return {};
    }

    std::string expect_request_gap(const Step& step) {
        RequestCounter counter(step.filter, world_.cloud(), world_.cloud().journal().size());
        const auto enough = [&] { return static_cast<int>(counter.update().size()) >= step.samples; };
        if (!world_.run_until(deadline(step), enough))
            return "expected " + std::to_string(step.samples) + " " + describe(step.filter) + " within " +
                   format_duration(step.duration) + ", saw " + std::to_string(counter.update().size());
        const auto& times = counter.update();
        for (int i = 1; i < step.samples; ++i) {
            const Millis gap = times[i] - times[i - 1];
            if (gap < step.gap_min || gap > step.gap_max)
                return "gap " + std::to_string(i) + " between " + describe(step.filter) + " was " + format_duration(gap) +
                       ", expected " + format_duration(step.gap_min) + " to " + format_duration(step.gap_max);
        }
        return {};
    }

    sim::VirtualSpeaker world_;
};

} // namespace

ScenarioResult run_scenario(const Scenario& scenario, std::uint64_t seed) {
    sim::WorldConfig config = scenario.world;
    config.seed = seed;
    config.cloud.seed = seed;
    Player player(config);

    ScenarioResult result;
    result.name = scenario.name;
    result.file = scenario.where.file;
    result.seed = seed;
    for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
        const Step& step = scenario.steps[i];
        std::string message = player.play(step);
        if (!message.empty()) {
            result.failure = StepFailure{i + 1, step.where, step.text, std::move(message), player.world().now()};
            break;
        }
    }
    result.virtual_end = player.world().now();
    result.events = player.world().events_processed();
    result.trace = player.world().trace();
    result.journal = player.world().cloud().journal();
    return result;
}

} // namespace ringside::runner
