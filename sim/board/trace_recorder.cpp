#include "sim/board/trace_recorder.hpp"

namespace ringside::sim {

void TraceRecorder::record_line(std::string_view category, std::string_view event, std::string_view detail) {
    lines_.push_back(TraceLine{scheduler_.now(), std::string(category), std::string(event), std::string(detail)});
}

} // namespace ringside::sim
