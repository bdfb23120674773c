#include "reports/trace_writer.hpp"

#include "sim/text/escape.hpp"

namespace ringside::reports {

void write_trace_jsonl(std::ostream& out, const std::vector<sim::TraceLine>& trace) {
    for (const auto& line : trace) {
        out << "{\"t_ms\":" << line.at.count() << ",\"category\":" << text::json_quote(line.category)
            << ",\"event\":" << text::json_quote(line.event) << ",\"detail\":" << text::json_quote(line.detail) << "}\n";
    }
}

} // namespace ringside::reports
