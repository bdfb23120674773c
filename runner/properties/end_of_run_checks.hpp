#pragma once
// The property checks that need the whole run (PropertyMonitor::finish calls them once, after
// the last step). Each returns the violation it found, if any.
// Who may call: the property monitor.
#include <optional>
#include <set>
#include <string>

#include "runner/properties/property.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::runner {

// Liveness: plays the world on until kRelinkBound after the last fault (`faults_end`, or a
// later faulted journal entry) with a patient person approving every code shown; the speaker
// must be linked by then unless `told_to_stop` (the cloud said access_denied, expired_token
// or invalid_grant on a refresh; a reference: the run-on may be when it is told) or a torn first commit left it in setup (`has_flash`: only
// the virtual board's flash can be cut).
std::optional<Violation> check_liveness(sim::VirtualSpeaker& world, Millis faults_end, const bool& told_to_stop, bool has_flash);

// Request rate: auth requests reaching the cloud in any 60 s, against the stated bound.
std::optional<Violation> check_request_rate(sim::VirtualSpeaker& world);

// No secret in the trace or the speech; `shown` are values shown to a person by design (user codes).
std::optional<Violation> check_no_secret(sim::VirtualSpeaker& world, const std::set<std::string>& shown);

} // namespace ringside::runner
