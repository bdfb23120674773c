#pragma once
// Where a count over the cloud's journal starts (`since:` of expect_requests, expect_fleet):
// the scenario's start, the step itself, or an earlier `mark: NAME`.
// Who may call: step parsers (read_since) and their play functions (the rest).
#include <optional>
#include <string>

#include "runner/scenario_node.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::runner {

struct Since {
    enum class Kind { Start, Step, Mark } kind = Kind::Start;
    std::string mark;
};

// `since: start | step | MARK` (absent: start).
Since read_since(ScenarioNode& a);
// The journal index a count starts at, or nullopt with `failure` set when the mark was
// never played.
std::optional<std::size_t> start_of(const Since& since, sim::VirtualSpeaker& w, std::string& failure);
// Where it starts, virtual time (the mark's time; the step's: now).
std::optional<Millis> start_time(const Since& since, sim::VirtualSpeaker& w, std::string& failure);
// " since mark NAME", " since this step", or "" for the start.
std::string since_text(const Since& since);

} // namespace ringside::runner
