#pragma once
// hal::TraceSink that keeps a copy of every record, stamped with world time (virtual ms
// since the world started) rather than the firmware's time since power-on, so lines from
// several power cycles sort on one axis. The world adds its own lines (power, app, user)
// through record().
// Who may call: emit — the firmware; record_* — the world and its actors; lines — anyone.
#include <string_view>
#include <vector>

#include "firmware/hal/trace.hpp"
#include "sim/clock/scheduler.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::sim {

class TraceRecorder final : public hal::TraceSink {
public:
    explicit TraceRecorder(const Scheduler& scheduler) : scheduler_(scheduler) {}

    void emit(const hal::TraceRecord& record) override { record_line(record.category, record.event, record.detail); }
    void record_line(std::string_view category, std::string_view event, std::string_view detail);
    // A line that happened at `at` (<= now), as a board on a link reports its own records.
    void record_at(Millis at, std::string_view category, std::string_view event, std::string_view detail);

    const std::vector<TraceLine>& lines() const { return lines_; }

private:
    const Scheduler& scheduler_;
    std::vector<TraceLine> lines_;
};

} // namespace ringside::sim
