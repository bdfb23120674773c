#include "runner/properties/end_of_run_checks.hpp"

#include <algorithm>
#include <deque>

#include "reports/redaction.hpp"
#include "runner/duration.hpp"

namespace ringside::runner {

std::optional<Violation> check_liveness(sim::VirtualSpeaker& world, Millis faults_end, const bool& told_to_stop, bool has_flash) {
    const std::vector<cloud::JournalEntry>& journal = world.cloud().journal();
    const auto last_fault = [&] {
        Millis end = faults_end;
        for (const cloud::JournalEntry& e : journal)
            if (e.faulted) end = std::max(end, e.at);
        return end;
    };
    std::string account;
    for (const cloud::Account& a : world.cloud().config().accounts)
        if (!a.restricted) {
            account = a.id;
            break;
        }
    // A patient person: approves every code the speaker shows, once.
    std::string approved;
    const auto linked = [&] {
        if (world.auth_state() == fw::AuthState::Linked) return true;
        const std::string code = world.user_code();
        if (!code.empty() && code != approved && !account.empty()) {
            approved = code;
            world.approve_shown_code(account);
        }
        return false;
    };
    // Faults that fire only when a request comes may fire during the run-on: the deadline
    // follows them (a few rounds at most).
    Millis deadline = std::max(world.now(), last_fault() + kRelinkBound);
    for (int round = 0; round < 4; ++round) {
        if (world.run_until(deadline, linked)) return std::nullopt;
        const Millis later = last_fault() + kRelinkBound;
        if (later <= deadline) break;
        deadline = later;
    }
    // What ends a sign-in by design: a person who denied, a grant the cloud revoked, codes
    // that lapsed until the firmware stopped asking, a torn first commit.
    if (told_to_stop || (has_flash && world.device_state() == fw::DeviceState::Setup && !world.stored_refresh_token_present()))
        return std::nullopt;
    return Violation{Property::Liveness, world.now(),
                     "not linked " + format_duration(kRelinkBound) + " after the last fault (at " +
                         format_timestamp(last_fault()) + "): the speaker is " +
                         std::string(fw::to_string(world.device_state())) + ", auth " +
                         std::string(fw::to_string(world.auth_state()))};
}

std::optional<Violation> check_request_rate(sim::VirtualSpeaker& world) {
    cloud::CloudAccess& cloud = world.cloud();
    const long long interval_s = std::max<long long>(1, cloud.config().poll_interval.count() / 1000);
    const int bound = static_cast<int>((60 + interval_s - 1) / interval_s) + kSpareRequestsPerMinute;
    std::deque<Millis> window;
    for (const cloud::JournalEntry& e : cloud.journal()) {
        if (e.endpoint != "metadata" && e.endpoint != "device_authorization" && e.endpoint != "token" &&
            e.endpoint != "revoke")
            continue;
        window.push_back(e.at);
        while (e.at - window.front() >= Millis(60'000)) window.pop_front();
        if (static_cast<int>(window.size()) > bound)
            return Violation{Property::RequestRate, e.at,
                             std::to_string(window.size()) + " auth requests reached the cloud within a minute (" +
                                 format_timestamp(window.front()) + " to " + format_timestamp(e.at) + "); the bound is " +
                                 std::to_string(bound)};
    }
    return std::nullopt;
}

std::optional<Violation> check_no_secret(sim::VirtualSpeaker& world, const std::set<std::string>& shown) {
    std::set<std::string> secrets = world.secrets_used();
    for (const std::string& value : shown) secrets.erase(value);
    for (const cloud::Account& a : world.cloud().config().accounts) {
        secrets.erase(a.id);  // a public name that doubles as a password hides nothing
        secrets.erase(a.email);
    }
    const reports::Redaction redaction(secrets);
    const auto leaks = [&](const std::string& text) { return redaction.finds_secret_in(text); };
    for (const sim::TraceLine& line : world.trace())
        if (leaks(line.detail) || leaks(line.event))
            return Violation{Property::NoSecret, line.at,
                             "a secret is in the trace: a " + line.category + " " + line.event + " record"};
    for (const sim::SpokenSentence& sentence : world.spoken())
        if (leaks(sentence.text)) return Violation{Property::NoSecret, sentence.at, "a secret is in what the speaker said"};
    return std::nullopt;
}

} // namespace ringside::runner
