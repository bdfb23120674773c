#include "sim/fleet/fleet_speaker.hpp"

#include <cstdio>

#include "firmware/core/states.hpp"

namespace ringside::sim {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds ms(Clock::duration d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d); }

IssuerSessionOptions session_options(const FleetOptions& o, int index) {
    IssuerSessionOptions s;
    s.issuer = o.issuer;
    s.ca_file = o.ca_file;
    s.client_id = o.client_id;
    s.scope = o.scope;
    s.seed = o.seed + static_cast<std::uint64_t>(index);
    s.serial_number = fleet_serial_number(index);
    return s;
}

} // namespace

std::string fleet_serial_number(int index) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "RSF%07d", index + 1);
    return buf;
}

FleetSpeaker::FleetSpeaker(const FleetOptions& options, int index, Clock::time_point run_start, Clock::time_point wall_now)
    : options_(options), born_(ms(wall_now - run_start)),
      session_(std::make_unique<IssuerSession>(session_options(options, index), wall_now)) {
    virtual_at_power_on_ = session_->speaker().now();
}

FleetSpeaker::~FleetSpeaker() = default;

bool FleetSpeaker::linked_now() const {
    return state_ == FleetSpeakerState::Done ||
           (state_ == FleetSpeakerState::Linked && session_->speaker().auth_state() == fw::AuthState::Linked);
}

std::chrono::milliseconds FleetSpeaker::step(Clock::time_point wall_now, FleetTally& tally, ApprovalQueue* approvals) {
    if (state_ == FleetSpeakerState::Done || state_ == FleetSpeakerState::GaveUp) return std::chrono::milliseconds(0);
    // A budget as long as a frame: with many speakers per worker, one that is behind must
    // not hold up the others for long; it goes on from where it stopped next time.
    // Measured before the step: how long an event due since the last step may have waited
    // for this worker (its passes over the other speakers, their exchanges).
    const std::chrono::milliseconds lag = session_->pacer().lag(wall_now);
    session_->advance(wall_now, std::chrono::milliseconds(20));
    const VirtualSpeaker& speaker = session_->speaker();

    const auto& journal = session_->issuer().journal();
    for (; journal_seen_ < journal.size(); ++journal_seen_) {
        const cloud::JournalEntry& e = journal[journal_seen_];
        const RequestKind kind{e.endpoint, e.endpoint == "token" ? e.grant_type : "", e.status, e.error};
        tally.count_request(kind, (born_ + (e.at - virtual_at_power_on_)).count());
        if (kind.endpoint == "token" && kind.grant_type == "refresh_token" && kind.status == 200) ++refreshes_;
    }

    const fw::AuthState auth = speaker.auth_state();
    if (auth == fw::AuthState::Failed || speaker.device_state() == fw::DeviceState::Error) {
        state_ = FleetSpeakerState::GaveUp;
        return lag;
    }
    if (auth == fw::AuthState::Linked && !ever_linked_) {
        ever_linked_ = true;
        // From power-on: what a customer waits, the approval included.
        tally.sign_in_ms.push_back(static_cast<double>((speaker.now() - virtual_at_power_on_).count()));
    }
    if (ever_linked_ && auth != fw::AuthState::Linked && auth != fw::AuthState::Expired) lost_link_ = true;
    state_ = ever_linked_ && !lost_link_ ? FleetSpeakerState::Linked : FleetSpeakerState::Waiting;
    if (state_ == FleetSpeakerState::Linked && options_.refreshes > 0 && refreshes_ >= options_.refreshes &&
        auth == fw::AuthState::Linked)
        state_ = FleetSpeakerState::Done;

    const std::string code = speaker.user_code();
    if (approvals && !code.empty() && code != last_code_) {
        last_code_ = code;
        approvals->post({speaker.verification_uri(), code});
    }
    return lag;
}

} // namespace ringside::sim
