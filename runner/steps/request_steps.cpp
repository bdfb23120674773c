// Expectations on the requests the cloud saw (its journal).
#include "runner/condition.hpp"
#include "runner/steps/since.hpp"
#include "runner/steps/steps.hpp"

namespace ringside::runner {
namespace {

// Counts journal entries matching a filter, scanning each entry once however often asked.
class RequestCounter {
public:
    RequestCounter(const RequestFilter& filter, const cloud::CloudAccess& cloud, std::size_t from = 0)
        : filter_(filter), cloud_(cloud), scanned_(from) {}
    // Virtual times of the matching entries so far.
    const std::vector<Millis>& update() {
        const auto& journal = cloud_.journal();
        for (; scanned_ < journal.size(); ++scanned_)
            if (matches(filter_, journal[scanned_])) times_.push_back(journal[scanned_].at);
        return times_;
    }
    int count() { return static_cast<int>(update().size()); }

private:
    const RequestFilter& filter_;
    const cloud::CloudAccess& cloud_;
    std::size_t scanned_;
    std::vector<Millis> times_;
};

} // namespace

void add_request_steps(StepCatalog& catalog) {
    // Counts since the scenario started (or `since: step`, `since: MARK`): at_least N (by the
    // deadline), exactly N (count), or at_most N (over the whole window: it fails the moment
    // one more comes).
    catalog["expect_requests"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const RequestFilter f = read_request_filter(a);
        auto at_least = a.get("at_least");
        auto exactly = a.get("count");
        auto at_most = a.get("at_most");
        if ((at_least ? 1 : 0) + (exactly ? 1 : 0) + (at_most ? 1 : 0) != 1)
            a.fail("expect_requests needs exactly one of 'at_least', 'count' or 'at_most'");
        enum class Bound { AtLeast, Exactly, AtMost };
        const Bound bound = at_least ? Bound::AtLeast : exactly ? Bound::Exactly : Bound::AtMost;
        const int wanted = static_cast<int>((at_least ? *at_least : exactly ? *exactly : *at_most).integer(0, 1000000));
        auto within_node = a.get("within");
        const Millis within = within_node ? within_node->duration() : Millis(0);
        const Since since = read_since(a);
        a.done();
        return [=](sim::VirtualSpeaker& w) -> std::string {
            std::string failure;
            const auto from = start_of(since, w, failure);
            if (!from) return failure;
            RequestCounter counter(f, w.cloud(), *from);
            const std::string what = describe(f) + since_text(since);
            if (bound == Bound::AtMost) {
                w.run_until(w.now() + within, [&] { return counter.count() > wanted; });
                const int seen = counter.count();
                if (seen > wanted)
                    return "expected at most " + std::to_string(wanted) + " " + what + " within " +
                           format_duration(within) + ", saw " + std::to_string(seen);
                return {};
            }
            w.run_until(w.now() + within, [&] { return counter.count() >= wanted; });
            const int seen = counter.count();
            if (bound == Bound::Exactly && seen != wanted)
                return "expected exactly " + std::to_string(wanted) + " " + what + ", saw " + std::to_string(seen);
            if (bound == Bound::AtLeast && seen < wanted)
                return "expected at least " + std::to_string(wanted) + " " + what + " within " + format_duration(within) +
                       ", saw " + std::to_string(seen);
            return {};
        };
    };
    // The next `samples` matching requests, each gap between neighbours in [min, max].
    catalog["expect_request_gap"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const RequestFilter f = read_request_filter(a);
        const int samples = static_cast<int>(a.require("samples").integer(2, 10000));
        const Millis min = a.require("min").duration();
        const Millis max = a.require("max").duration();
        if (max < min) a.fail("expect_request_gap: 'max' must not be below 'min'");
        const Millis within = a.require("within").duration();
        // varying: true — jitter must show: not every gap may be the same length.
        bool varying = false;
        if (auto n = a.get("varying")) varying = n->boolean();
        a.done();
        return [=](sim::VirtualSpeaker& w) -> std::string {
            RequestCounter counter(f, w.cloud(), w.cloud().journal().size());
            if (!w.run_until(w.now() + within, [&] { return counter.count() >= samples; }))
                return "expected " + std::to_string(samples) + " " + describe(f) + " within " + format_duration(within) +
                       ", saw " + std::to_string(counter.count());
            const auto& times = counter.update();
            for (int i = 1; i < samples; ++i) {
                const Millis gap = times[i] - times[i - 1];
                if (gap < min || gap > max)
                    return "gap " + std::to_string(i) + " between " + describe(f) + " was " + format_duration(gap) +
                           ", expected " + format_duration(min) + " to " + format_duration(max);
            }
            if (varying && samples > 2) {
                bool differ = false;
                for (int i = 2; i < samples; ++i) differ = differ || (times[i] - times[i - 1] != times[1] - times[0]);
                if (!differ)
                    return "all " + std::to_string(samples - 1) + " gaps between " + describe(f) + " were " +
                           format_duration(times[1] - times[0]) + "; expected them to vary (jitter)";
            }
            return {};
        };
    };
}

} // namespace ringside::runner
