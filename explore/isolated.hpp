#pragma once
// Runs explored runs in child processes, so a run that crashes — a failed assertion, a
// sanitizer report, a fault in the firmware — is a finding with its run number, not the end
// of the exploration. Each child plays a chunk of runs and reports one outcome byte per run
// through a pipe; when a child dies mid-chunk, the run it was on is marked crashed (with the
// signal or exit status) and a new child takes the rest of the chunk.
// Who may call: the explore command, from a process with no other threads (it forks).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ringside::explore {

inline constexpr std::uint8_t kCrashed = 255;
// Runs per child: enough that forking costs little (bench/explore_speed.cpp: 256 runs per
// child doubles runs/s on two cores over 64), few enough that -j children share the work.
inline constexpr std::size_t kRunsPerChild = 256;

struct Outcome {
    std::uint8_t code = 0;  // what the task returned; kCrashed: its child died on it
    std::string how;        // for a crash: "signal 6 (Aborted)" or "exit status 3"
};

// task(i) for every i in [0, count), at most `jobs` children at once, `chunk` tasks each;
// `progress(done, outcome)` after each outcome that arrives. A task's return value must not be kCrashed.
std::vector<Outcome> run_isolated(std::size_t count, int jobs, std::size_t chunk,
                                  const std::function<std::uint8_t(std::size_t)>& task,
                                  const std::function<void(std::size_t done, const Outcome&)>& progress = {});

// One task in one child: its outcome.
Outcome run_one_isolated(const std::function<std::uint8_t()>& task);

} // namespace ringside::explore
