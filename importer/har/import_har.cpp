#include "importer/har/import_har.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "importer/har/answer_plan.hpp"
#include "importer/har/capture_secrets.hpp"
#include "importer/har/exchange_kind.hpp"
#include "importer/har/har_reader.hpp"
#include "importer/har/import_error.hpp"
#include "importer/har/one_line.hpp"
#include "importer/har/scenario_text.hpp"

namespace ringside::importer {

namespace {

ImportedScenario import_exchanges(const std::string& har_path, std::vector<HarExchange> all) {
    // Capture tools write entries in start order, mostly: play them in that order.
    std::stable_sort(all.begin(), all.end(),
                     [](const HarExchange& a, const HarExchange& b) { return a.started_unix_ms < b.started_unix_ms; });

    CaptureSecrets secrets;
    for (const HarExchange& x : all) secrets.collect(x);

    std::vector<std::pair<const HarExchange*, ExchangeKind>> device;
    for (const HarExchange& x : all)
        if (auto kind = classify(x)) device.emplace_back(&x, *kind);
    if (device.empty())
        throw ImportError(har_path + ": no device-side exchange among its " + std::to_string(all.size()) +
                          " entries; expected POSTs to /oauth2/device_authorization, /oauth2/token or /oauth2/revoke "
                          "(RFC 8628), or /auth/O2/create/codepair and /auth/O2/token (Login with Amazon)");

    ScenarioPlan plan;
    plan.capture_name = one_line(std::filesystem::path(har_path).filename().string());
    plan.entries = all.size();
    const std::int64_t start_ms = device.front().first->started_unix_ms;
    std::map<std::string, int> seen;  // requests so far per endpoint and grant: each fault's `after`
    int code_pairs = 0;
    bool polled = false, linked_traffic = false;
    for (const auto& [x, kind] : device) {
        plan.lwa = plan.lwa || kind.lwa;
        int& after = seen[kind.endpoint + "/" + kind.grant];
        plan.exchanges.push_back(plan_answer(*x, kind, after, secrets, start_ms));
        ++after;
        if (kind.endpoint == "device_authorization") ++code_pairs;
        if (kind.grant == "device_code") polled = true;
        if (kind.grant == "refresh_token" || kind.endpoint == "revoke") linked_traffic = true;
        if (approves(*x, kind) && !plan.approve) {
            plan.approve = true;
            plan.approve_after_code_pairs = std::max(code_pairs, 1);
            plan.approve_at_ms = x->started_unix_ms - start_ms;
        }
        if (kind.endpoint == "revoke" && !plan.revoke_at_ms) plan.revoke_at_ms = x->started_unix_ms - start_ms;
        plan.span_ms = std::max(plan.span_ms, x->started_unix_ms - start_ms + std::max<std::int64_t>(x->wait_ms, 0));
    }
    // A capture that starts with a linked speaker (refreshes, no sign-in): link it first.
    if (!plan.approve && !polled && linked_traffic) plan.approve = true;

    ImportedScenario out;
    out.yaml = scenario_text(plan);
    if (secrets.appears_in(out.yaml))
        throw ImportError(har_path + ": a secret of the capture would appear in the scenario; nothing was written "
                          "(please report this capture's shape)");
    out.entries = all.size();
    out.exchanges = device.size();
    out.faults = static_cast<std::size_t>(
        std::count_if(plan.exchanges.begin(), plan.exchanges.end(), [](const PlannedFault& f) { return !f.empty(); }));
    return out;
}

} // namespace

ImportedScenario import_har(const std::string& har_path) { return import_exchanges(har_path, read_har(har_path)); }

ImportedScenario import_har_text(const std::string& name, const std::string& text) {
    return import_exchanges(name, read_har_text(name, text));
}

} // namespace ringside::importer
