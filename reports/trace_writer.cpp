#include "reports/trace_writer.hpp"

#include "reports/escape.hpp"

namespace ringside::reports {

void write_trace_jsonl(std::ostream& out, const std::vector<sim::TraceLine>& trace) {
    for (const auto& line : trace) {
        out << "{\"t_ms\":" << line.at.count() << ",\"category\":\"" << json_escape(line.category) << "\",\"event\":\""
            << json_escape(line.event) << "\",\"detail\":\"" << json_escape(line.detail) << "\"}\n";
    }
}

} // namespace ringside::reports
