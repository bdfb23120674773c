#pragma once
// Captured text put where a line break would change the meaning — a header value, a YAML
// comment, the scenario's name — loses its control characters (a CR or LF would end the
// header or start a new YAML line). Who may call: the importer; a pure function.
#include <string>

namespace ringside::importer {

std::string one_line(std::string text);

} // namespace ringside::importer
