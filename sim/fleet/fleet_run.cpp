#include "sim/fleet/fleet_run.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "sim/cloud_client/page_approver.hpp"

namespace ringside::sim {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The people at the verification page, as `threads` threads: each takes a posted code and
// submits the page for it once. Several, because each submission blocks for a round trip
// and one thread would fall behind a fast ramp against a slow server (docs/fleet.md). A
// refused approval is counted, not retried: the speaker asks for a new code when this one
// lapses, and that one is tried again.
class Approvers {
public:
    Approvers(const FleetOptions& o, ApprovalQueue& queue, int threads) : queue_(queue) {
        for (int i = 0; i < threads; ++i) {
            people_.push_back(std::make_unique<Person>(
                cloud::PageApproverOptions{o.approve_email, o.approve_password, o.ca_file}));
            Person* person = people_.back().get();
            person->thread = std::thread([this, person] { run(*person); });
        }
    }
    ~Approvers() { stop(); }
    void stop() {
        queue_.close();
        for (auto& p : people_)
            if (p->thread.joinable()) p->thread.join();
    }
    std::uint64_t approved() const { return approved_.load(); }
    // After stop().
    std::map<RequestKind, std::uint64_t> counted() const {
        std::map<RequestKind, std::uint64_t> all;
        for (const auto& p : people_)
            for (const auto& [kind, n] : p->counted) all[kind] += n;
        return all;
    }

private:
    struct Person {
        explicit Person(cloud::PageApproverOptions o) : page(std::move(o)) {}
        cloud::PageApprover page;
        std::map<RequestKind, std::uint64_t> counted;  // this thread's own
        std::thread thread;
    };

    void run(Person& person) {
        while (auto request = queue_.take()) {
            const cloud::PageApproval r = person.page.approve(request->verification_uri, request->user_code);
            ++person.counted[RequestKind{"verification", "", r.status, r.failure}];
            if (r.approved()) ++approved_;
        }
    }

    ApprovalQueue& queue_;
    std::vector<std::unique_ptr<Person>> people_;
    std::atomic<std::uint64_t> approved_{0};
};

} // namespace

FleetSummary run_fleet(const FleetOptions& options, const std::atomic<bool>& interrupt,
                       std::chrono::milliseconds progress_every, const std::function<void(const FleetLive&)>& on_progress) {
    FleetSummary summary;
    summary.options = options;
    summary.options.approve_password.clear();

    summary.range = fleet_shard_range(options);
    const auto start = Clock::now();
    summary.started_unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch()).count();
    const auto deadline = start + options.duration;
    ApprovalQueue queue;
    std::unique_ptr<Approvers> approver;
    if (!options.approve_email.empty()) approver = std::make_unique<Approvers>(options, queue, options.workers);

    std::atomic<bool> stop{false};
    std::vector<std::unique_ptr<FleetWorker>> workers;
    std::vector<std::thread> threads;
    for (int w = 0; w < options.workers; ++w) {
        workers.push_back(std::make_unique<FleetWorker>(options, summary.range.first + w, options.workers,
                                                        summary.range.end, start, approver ? &queue : nullptr));
        workers.back()->tally().start_phase_ms = summary.started_unix_ms % 1000;
        threads.emplace_back([&stop, worker = workers.back().get()] { worker->run(stop); });
    }

    auto live = [&] {
        FleetLive l;
        l.elapsed_s = seconds_since(start);
        l.progress.finished = true;
        for (const auto& w : workers) l.progress += w->progress();
        l.approved = approver ? approver->approved() : 0;
        return l;
    };
    auto next_report = start + progress_every;
    std::uint64_t requests_at_last_report = 0;
    double elapsed_at_last_report = 0;
    for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        FleetLive l = live();
        const auto now = Clock::now();
        bool failed = false;
        for (const auto& w : workers) failed = failed || !w->failure().empty();
        if (interrupt.load()) summary.ended_by = "interrupted";
        else if (failed) summary.ended_by = "failure";
        else if (l.progress.finished) summary.ended_by = "done";
        else if (now >= deadline) summary.ended_by = "duration";
        if (!summary.ended_by.empty()) break;
        if (now >= next_report && on_progress) {
            const double span = l.elapsed_s - elapsed_at_last_report;
            l.requests_per_second = span > 0 ? static_cast<double>(l.progress.requests - requests_at_last_report) / span : 0;
            requests_at_last_report = l.progress.requests;
            elapsed_at_last_report = l.elapsed_s;
            on_progress(l);
            next_report += progress_every;
            if (next_report < now) next_report = now + progress_every;
        }
    }

    stop = true;
    for (auto& t : threads) t.join();
    if (approver) approver->stop();
    summary.wall_seconds = seconds_since(start);

    summary.tally.start_phase_ms = summary.started_unix_ms % 1000;
    for (const auto& w : workers) {
        summary.tally.merge(w->tally());
        const FleetOutcome o = w->outcome();
        summary.outcome.started += o.started;
        summary.outcome.linked += o.linked;
        summary.outcome.stayed_linked += o.stayed_linked;
        summary.outcome.lost_link += o.lost_link;
        summary.outcome.gave_up += o.gave_up;
        summary.outcome.done += o.done;
        summary.max_lag = std::max(summary.max_lag, w->max_lag());
        if (summary.failure.empty()) summary.failure = w->failure();
        if (summary.problem.empty()) summary.problem = w->progress().problem;
    }
    if (approver)
        for (const auto& [kind, n] : approver->counted()) summary.tally.approvals[kind] += n;
    return summary;
}

} // namespace ringside::sim
