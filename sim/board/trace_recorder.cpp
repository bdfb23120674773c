#include "sim/board/trace_recorder.hpp"

namespace ringside::sim {

void TraceRecorder::record_line(std::string_view category, std::string_view event, std::string_view detail) {
    record_at(scheduler_.now(), category, event, detail);
}

void TraceRecorder::record_at(Millis at, std::string_view category, std::string_view event, std::string_view detail) {
    lines_->push_back(TraceLine{at, std::string(category), std::string(event), std::string(detail), speaker_});
    if (on_line_) on_line_(speaker_);
}

} // namespace ringside::sim
