#pragma once
// hal::TraceSink that keeps a copy of every record, stamped with world time (virtual ms
// since the world started) rather than the firmware's time since power-on, so lines from
// several power cycles sort on one axis. The world adds its own lines (power, app, user)
// through record().
// Who may call: emit — the firmware; record_* — the world and its actors; lines — anyone.
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "firmware/hal/trace.hpp"
#include "sim/clock/scheduler.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::sim {

class TraceRecorder final : public hal::TraceSink {
public:
    // A recorder with lines of its own.
    explicit TraceRecorder(const Scheduler& scheduler) : scheduler_(scheduler), lines_(&own_) {}
    // One speaker's recorder in a world of several: its lines go into the world's `shared`
    // list, tagged with `speaker`, and `on_line` (may be empty) hears of each, after it landed.
    TraceRecorder(const Scheduler& scheduler, std::vector<TraceLine>& shared, std::uint32_t speaker,
                  std::function<void(std::uint32_t speaker)> on_line)
        : scheduler_(scheduler), lines_(&shared), speaker_(speaker), on_line_(std::move(on_line)) {}
    TraceRecorder(const TraceRecorder&) = delete;
    TraceRecorder& operator=(const TraceRecorder&) = delete;

    void emit(const hal::TraceRecord& record) override { record_line(record.category, record.event, record.detail); }
    void record_line(std::string_view category, std::string_view event, std::string_view detail);
    // A line that happened at `at` (<= now), as a board on a link reports its own records.
    void record_at(Millis at, std::string_view category, std::string_view event, std::string_view detail);

    // Every line of the list this recorder writes to (the world's, when shared).
    const std::vector<TraceLine>& lines() const { return *lines_; }

private:
    const Scheduler& scheduler_;
    std::vector<TraceLine> own_;
    std::vector<TraceLine>* lines_;
    std::uint32_t speaker_ = 0;
    std::function<void(std::uint32_t)> on_line_;
};

} // namespace ringside::sim
