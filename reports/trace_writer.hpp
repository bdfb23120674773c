#pragma once
// The raw trace of one scenario as JSON lines: one object per record, virtual timestamps
// only (no wall clock, no host names), so the same scenario and seed give the same bytes.
#include <ostream>
#include <vector>

#include "sim/virtual_speaker.hpp"

namespace ringside::reports {

// {"t_ms":1234,"category":"auth","event":"state","detail":"linked"}
void write_trace_jsonl(std::ostream& out, const std::vector<sim::TraceLine>& trace);

} // namespace ringside::reports
