#include "reports/trace_writer.hpp"

#include "sim/text/escape.hpp"

namespace ringside::reports {

void write_trace_jsonl(std::ostream& out, const std::vector<sim::TraceLine>& trace) {
    for (const auto& line : trace) {
        out << "{\"t_ms\":" << line.at.count() << ",\"category\":" << text::json_quote(line.category)
            << ",\"event\":" << text::json_quote(line.event) << ",\"detail\":" << text::json_quote(line.detail);
        // In a world of several speakers, whose line it is (0-based; absent: the first or only one).
        if (line.speaker != 0) out << ",\"speaker\":" << line.speaker;
        out << "}\n";
    }
}

} // namespace ringside::reports
