#pragma once
// The facts expectations wait for: evaluating and describing them.
#include <optional>
#include <string>

#include "firmware/core/states.hpp"
#include "cloud/service/cloud_types.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::runner {

// Device/auth/ring facts; every field that is set must hold.
struct Condition {
    std::optional<fw::DeviceState> device;
    std::optional<fw::AuthState> auth;
    std::optional<fw::RingPattern> ring;
};

// Which cloud journal entries a request expectation counts.
struct RequestFilter {
    std::string endpoint;    // "token", "device_authorization", "metadata", ...
    std::string grant_type;  // "device_code", "refresh_token"; empty = any
    // RFC 6749 error code; nullopt = any outcome; an empty string = answered without one
    // (a scenario writes `error: none`).
    std::optional<std::string> error;
    std::optional<int> status;
    std::string client;      // the client_id the request named; empty = any
};

bool holds(const Condition& condition, const sim::VirtualSpeaker& speaker);
// "device linked, auth linked"
std::string describe(const Condition& condition);
// What the speaker shows now: "device authorizing, auth awaiting_approval, ring authorizing".
std::string describe_now(const sim::VirtualSpeaker& speaker);

// The filter keys of a request expectation: endpoint (required), grant, error (`none`: no
// error), status, client. Fails with file:line on `error: ""`, which reads as "no error"
// but used to match any outcome.
class ScenarioNode;
RequestFilter read_request_filter(ScenarioNode& args);

bool matches(const RequestFilter& filter, const cloud::JournalEntry& entry);
std::string describe(const RequestFilter& filter);

} // namespace ringside::runner
