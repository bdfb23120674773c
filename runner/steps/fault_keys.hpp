#pragma once
// The `cloud.fault` keys whose values are more than one scalar: delay shapes, break kinds,
// signed durations and decimal numbers. Each fails with file:line and what was expected.
// Who may call: the cloud step parsers (runner/steps/cloud_steps.cpp).
#include "runner/scenario_node.hpp"
#include "cloud/service/cloud_types.hpp"

namespace ringside::runner {

// delay: 2s | { uniform: [1s, 5s] } | { lognormal: { median: 2s, sigma: 0.5 } }
void read_delay(ScenarioNode node, cloud::Fault& fault);

// break: empty_reply | reset | random_bytes | malformed_chunk
cloud::Break read_break(const ScenarioNode& node);

// A duration with an optional sign: -1000d, +90s, 5m.
Millis read_signed_duration(const ScenarioNode& node);

// shape: { omit: [interval], set: { expires_in: "3600", interval: -9223372036854775807 } }
// A quoted scalar is a JSON string; a plain one a JSON number, true, false or null if it is
// one (else a string); lists and mappings become arrays and objects.
void read_shape(ScenarioNode node, cloud::Fault& fault);

// A decimal number in [min, max], e.g. 0.25.
double read_decimal(const ScenarioNode& node, double min, double max, const char* example);

} // namespace ringside::runner
