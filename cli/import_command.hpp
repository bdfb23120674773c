#pragma once
// `ringside import har FILE [--out SCENARIO]` (docs/import.md). Exit 0: the scenario was
// written (to SCENARIO, or stdout); 2: bad usage or a capture it cannot use.
// Who may call: main.
#include <iosfwd>
#include <string>
#include <vector>

namespace ringside::cli {

int import_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace ringside::cli
