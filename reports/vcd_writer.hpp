#pragma once
// A Value Change Dump (IEEE 1364 §18) of one scenario that GTKWave opens: power and each
// button as 1-bit wires; device state, auth state and ring pattern as 8-bit vectors whose
// values are indexes into the name lists given in $comment blocks; HTTP requests, responses
// and speech as events. Time unit: 1 ms of virtual time. Deterministic: no date, no host.
#include <ostream>

#include "reports/signal_timeline.hpp"

namespace ringside::reports {

void write_vcd(std::ostream& out, const SignalTimeline& timeline, const std::string& scenario_name);

} // namespace ringside::reports
