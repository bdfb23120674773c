#include "runner/properties/property_monitor.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "runner/duration.hpp"
#include "sim/board/cloud_wire.hpp"
#include "runner/properties/end_of_run_checks.hpp"
#include "sim/board/virtual_flash.hpp"

namespace ringside::runner {
namespace {

// What a request is, read from what the firmware sent (either dialect).
enum class Kind { Metadata, Code, Poll, Refresh, OtherToken, Revoke, Other };

bool has(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

Kind classify(const hal::HttpRequest& r) {
    if (has(r.body, "grant_type=")) {
        if (has(r.body, "grant_type=refresh_token")) return Kind::Refresh;
        return has(r.body, "device_code") ? Kind::Poll : Kind::OtherToken;
    }
    if (has(r.url, "revoke")) return Kind::Revoke;
    if (has(r.url, "/.well-known/")) return Kind::Metadata;
    if (r.method == hal::HttpMethod::Post && (has(r.url, "device_authorization") || has(r.url, "codepair")))
        return Kind::Code;
    return Kind::Other;
}

bool is_auth(Kind k) { return k != Kind::Other; }
bool is_token(Kind k) { return k == Kind::Poll || k == Kind::Refresh || k == Kind::OtherToken; }

// The answer's JSON object (empty when it is not one).
nlohmann::json object_of(const cloud::CloudResponse& response) {
    auto json = nlohmann::json::parse(response.body, nullptr, false);
    return json.is_object() ? json : nlohmann::json::object();
}

std::string string_member(const nlohmann::json& json, const char* name) {
    const auto it = json.find(name);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string seconds(Millis m) { return format_duration(m); }

// "https://host/oauth2/token?x" -> "/oauth2/token".
std::string path_of(std::string_view url) {
    const std::size_t scheme = url.find("://");
    const std::size_t start = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
    if (start == std::string_view::npos) return "/";
    return std::string(url.substr(start, url.find('?', start) - start));
}

} // namespace

struct PropertyMonitor::State {
    State(sim::VirtualSpeaker& w, const std::vector<Property>& checked) : world(w) {
        for (Property p : checked) on[static_cast<std::size_t>(p)] = true;
        try {
            flash = &world.flash();
        } catch (const std::logic_error&) {
            flash = nullptr;  // a board on a link: its flash is not ours to watch
        }
        stored_before = world.stored_refresh_token_fingerprint();
        auth = world.auth_state();
    }

    bool checks(Property p) const { return on[static_cast<std::size_t>(p)]; }

    void violate(Property p, std::string message) {
        if (!violation && checks(p)) violation = Violation{p, world.now(), std::move(message)};
    }

    // What the firmware sent.
    void sent(hal::RequestId id, const hal::HttpRequest& request, Millis now) {
        const Kind kind = classify(request);
        forget_waits_on_restart();
        kinds[id] = kind;
        paths[id] = path_of(request.url);
        const auto wait = not_before.find(paths[id]);
        if (is_auth(kind) && wait != not_before.end() && now < wait->second.first)
            violate(Property::RetryAfter, "a request to " + paths[id] + " went out " + seconds(wait->second.first - now) +
                                              " before the Retry-After of its earlier answer (" +
                                              seconds(wait->second.second) + ") had passed");
        if (kind == Kind::Code) last_poll.reset();
        if (kind == Kind::Poll) {
            if (last_poll && interval && now - *last_poll < *interval)
                violate(Property::PollInterval, "a poll came " + seconds(now - *last_poll) +
                                                    " after the one before; the interval in force was " +
                                                    seconds(*interval) + " (" + std::to_string(slow_downs) +
                                                    " slow_down answers since the code)");
            last_poll = now;
        }
    }

    // What reached the firmware, as the cloud sent it.
    void delivered(hal::RequestId id, hal::TransportError failed, const cloud::CloudResponse& response, Millis now) {
        const auto it = kinds.find(id);
        const Kind kind = it == kinds.end() ? Kind::Other : it->second;
        if (failed != hal::TransportError::None || !is_auth(kind)) return;
        // Retry-After speaks for the resource that answered (RFC 9110 §10.2.3): a poll's 429
        // holds back the next token request, not a factory reset's revocation.
        if (const std::uint32_t asked = sim::retry_after_seconds(response); asked > 0 && response.status >= 400) {
            const Millis wait = std::min<Millis>(std::chrono::seconds(asked), kMaxRetryAfter);
            auto& [until, said] = not_before[paths[id]];
            if (now + wait > until) {
                until = now + wait;
                said = wait;
            }
        }
        if (kind == Kind::Metadata) return;
        const nlohmann::json json = object_of(response);
        const std::string error = string_member(json, "error");
        // What ends a sign-in by design, as the speaker heard it from the cloud (or a fault in
        // its place), so that a person has to act: a denial, a revoked grant, lapsed codes, a
        // client or scope refused — every 4xx OAuth error but 429, the two that ask it to keep
        // polling, and a spent code (which it renews). 5xx errors pass.
        if (response.status >= 400 && response.status < 500 && response.status != 429 && !error.empty() &&
            error != "authorization_pending" && error != "slow_down" && !(kind == Kind::Poll && error == "invalid_grant"))
            told_to_stop = true;
        if (kind == Kind::Code && response.status == 200) {
            // RFC 8628 §3.2: 5 s without one. One the firmware must refuse (not a whole number
            // of seconds from 1 s to 1 h) starts no polling to hold to.
            const auto i = json.find("interval");
            interval = Millis(5000);
            if (i != json.end()) {
                const bool usable = i->is_number_integer() && i->get<long long>() >= 1 && i->get<long long>() <= 3600;
                interval = usable ? std::optional<Millis>(Millis(i->get<long long>() * 1000)) : std::nullopt;
            }
            slow_downs = 0;
            user_codes.insert(string_member(json, "user_code"));
        }
        if (!is_token(kind) && kind != Kind::Revoke) return;
        if (kind == Kind::Poll && error == "slow_down" && interval) {
            *interval += Millis(5000);
            ++slow_downs;
        }
        // The firmware is about to act on a token answer: the store before it, and what the
        // answer would put there, are the two a power cut may leave.
        stored_before = stored_now();
        trace_mark = world.trace().size();
        const std::string issued = response.status == 200 ? string_member(json, "refresh_token") : std::string();
        last_issued = issued.empty() ? std::optional<std::size_t>() : std::hash<std::string>{}(issued);
        if (last_issued) issued_tokens.insert(*last_issued);
        // Only an answer about the grant tells the speaker anything about it: new tokens, or
        // invalid_grant. A 429 or a 5xx leaves it rightly linked on what it holds.
        // (A 200 counts only if the speaker took it: its store changed; a malformed one it refused
        // leaves it on what it held.)
        check_grant_after = error == "invalid_grant" ? Recheck::Always : response.status == 200 ? Recheck::IfStoreChanged : Recheck::No;
    }

    // A power cycle loses RAM: what the speaker was bound to wait for goes with it. Seen in
    // the trace's new lines.
    void forget_waits_on_restart() {
        const auto& trace = world.trace();
        for (; trace_seen < trace.size(); ++trace_seen) {
            const sim::TraceLine& line = trace[trace_seen];
            if (line.category == "power" && line.event == "off") {
                last_poll.reset();
                interval.reset();
                not_before.clear();
            }
        }
    }

    std::optional<std::size_t> stored_now() const { return world.stored_refresh_token_fingerprint(); }

    // After every event.
    void after_event() {
        const fw::AuthState now_auth = world.auth_state();
        const bool became_linked = now_auth == fw::AuthState::Linked && auth != fw::AuthState::Linked;
        auth = now_auth;
        const bool recheck = check_grant_after == Recheck::Always ||
                             (check_grant_after == Recheck::IfStoreChanged && stored_now() != stored_before);
        if ((became_linked || recheck) && now_auth == fw::AuthState::Linked) check_grant();
        check_grant_after = Recheck::No;
        if (flash) watch_power_cut();
    }

    // Linked: the cloud must hold a live grant for the stored refresh token — or it is the
    // one the latest answer just issued, revoked while the answer was on its way (the
    // speaker cannot know before it next asks).
    void check_grant() {
        if (!checks(Property::LinkedNeedsGrant) || violation) return;
        if (world.stored_token_account()) return;
        const auto stored = stored_now();
        // Not stored (a commit failed): the speaker holds in RAM what the cloud last issued.
        if (stored == last_issued || (!stored && last_issued)) return;
        violate(Property::LinkedNeedsGrant,
                std::string("the speaker is linked but the cloud holds no valid grant for it (") +
                    (!stored ? "no refresh token stored" :
                     issued_tokens.count(*stored) ? "its refresh token was revoked or rotated" :
                                                    "its refresh token was never issued by the cloud") + ")");
    }

    // A cut tears at most the commit under way: after it the store must hold what it held
    // before that commit or what the commit wrote. An erase (sign-out, revocation, factory
    // reset) is a commit of "nothing", so after one an empty store is the new state.
    void watch_power_cut() {
        if (!checks(Property::TokenStore)) return;
        if (flash->power_cut() && !cut) {
            cut = true;
            cut_old = stored_before;
            cut_new = last_issued;
            cut_at = world.now();
        }
        if (!cut || flash->power_cut() || !world.powered()) return;
        cut = false;
        const auto now_stored = stored_now();
        if (now_stored == cut_old || (now_stored && now_stored == cut_new)) return;
        if (!now_stored && erased_since(trace_mark)) return;
        violate(Property::TokenStore, "after the power cut at a flash operation (at " + format_timestamp(cut_at) +
                                          ") the store holds " +
                                          (now_stored ? "a refresh token that is neither" : "no refresh token: neither") +
                                          " the old one (" + (cut_old ? "one" : "none") + ") nor the new one (" +
                                          (cut_new ? "one" : "none") + ")");
    }

    bool erased_since(std::size_t from) const {
        const auto& trace = world.trace();
        for (std::size_t i = from; i < trace.size(); ++i)
            if (trace[i].category == "storage" && trace[i].event.rfind("erase", 0) == 0) return true;
        return false;
    }

    sim::VirtualSpeaker& world;
    bool on[16] = {};  // by Property
    std::optional<Violation> violation;
    sim::VirtualFlash* flash = nullptr;

    std::unordered_map<hal::RequestId, Kind> kinds;
    std::optional<Millis> last_poll, interval;
    int slow_downs = 0;
    std::unordered_map<hal::RequestId, std::string> paths;
    std::unordered_map<std::string, std::pair<Millis, Millis>> not_before;  // path -> (until, asked)
    bool told_to_stop = false;
    std::set<std::string> user_codes;  // shown to a person by design: not secrets here

    std::size_t trace_seen = 0;
    fw::AuthState auth = fw::AuthState::Unlinked;
    enum class Recheck { No, Always, IfStoreChanged } check_grant_after = Recheck::No;
    std::optional<std::size_t> stored_before, last_issued;
    std::set<std::size_t> issued_tokens;

    std::size_t trace_mark = 0;  // the trace's length when stored_before was read
    bool cut = false;
    std::optional<std::size_t> cut_old, cut_new;
    Millis cut_at{0};
};


PropertyMonitor::PropertyMonitor(sim::VirtualSpeaker& world, const std::vector<Property>& checked)
    : state_(std::make_unique<State>(world, checked)) {
    State& s = *state_;
    world.tap_wire({[&s](hal::RequestId id, const hal::HttpRequest& r, Millis now) { s.sent(id, r, now); },
                    [&s](hal::RequestId id, hal::TransportError e, const cloud::CloudResponse& r, Millis now) {
                        s.delivered(id, e, r, now);
                    }});
    world.after_each_event([&s] { s.after_event(); });
}

PropertyMonitor::~PropertyMonitor() {
    state_->world.tap_wire({});
    state_->world.after_each_event(nullptr);
}

const std::optional<Violation>& PropertyMonitor::violation() const { return state_->violation; }

void PropertyMonitor::stalled(const std::string& message) { state_->violate(Property::Progress, message); }

void PropertyMonitor::finish(Millis faults_end) {
    State& s = *state_;
    // Liveness first: the run-on it needs is part of the run the other checks look at.
    if (s.checks(Property::Liveness) && !s.violation)
        s.violation = check_liveness(s.world, faults_end, s.told_to_stop, s.flash != nullptr);
    if (s.checks(Property::RequestRate) && !s.violation) s.violation = check_request_rate(s.world);
    if (s.checks(Property::NoSecret) && !s.violation) s.violation = check_no_secret(s.world, s.user_codes);
}

} // namespace ringside::runner
