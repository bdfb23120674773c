#pragma once
// A scenario file, parsed: the world to build and the steps to play against it.
// Pure data; scenario_loader.cpp builds it, scenario_executor.cpp plays it.
#include <optional>
#include <string>
#include <vector>

#include "firmware/core/states.hpp"
#include "firmware/hal/buttons.hpp"
#include "runner/duration.hpp"
#include "sim/cloud/cloud_types.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::runner {

struct SourceLocation {
    std::string file;
    int line = 0;  // 1-based
};

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
    std::string error;       // RFC 6749 error code; empty = any outcome
    std::optional<int> status;
};

enum class StepKind {
    PowerOn,
    PowerOff,
    Press,           // button
    Release,         // button
    Hold,            // button, duration: press, let `duration` pass, release
    Provision,       // ssid, password, account
    Approve,         // account; waits up to `duration` for the device to show a code
    Advance,         // duration
    CloudFault,      // fault
    ExpectState,     // condition (device/auth and/or ring) within `duration`
    ExpectNever,     // condition must not hold at any instant during `duration`
    ExpectRequests,  // filter, at_least/exactly within `duration`
    ExpectRequestGap,// filter, next `samples` matching requests spaced in [gap_min, gap_max]
};

struct Step {
    StepKind kind = StepKind::Advance;
    SourceLocation where;
    std::string text;  // the step as written, one line, for failure messages

    hal::Button button = hal::Button::Action;
    Millis duration{0};
    std::string ssid, password, account;
    Condition condition;
    RequestFilter filter;
    std::optional<int> at_least, exactly;
    int samples = 0;
    Millis gap_min{0}, gap_max{0};
    cloud::Fault fault;
};

struct Scenario {
    std::string name;
    SourceLocation where;
    std::uint64_t seed = 1;
    std::vector<std::string> tags;
    sim::WorldConfig world;
    std::vector<Step> steps;
};

} // namespace ringside::runner
