#pragma once
// `ringside report merge` (docs/fleet.md, "Beyond one machine"): the JUnit reports, HTML
// reports and fleet summaries of shards, each kind made one.
// Exit status: 0 merged and nothing failed, 1 merged and an input records a failure, 2 bad
// usage or a bad input (the message names the file and what was expected); on 2 nothing is
// written.
// Who may call: the CLI (cli/main.cpp), with the arguments after `report merge`.
#include <ostream>
#include <string>
#include <vector>

namespace ringside::reports {

int report_merge_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace ringside::reports
