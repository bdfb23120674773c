#pragma once
// What /proc says about processes the tests started (directly, or through the CLI they
// ran): which board emulators a process has as children, whether one is gone, how many
// bytes one has read. Linux only, like the PTYs these tests use. Read-only: signalling is
// left to the tests, each to the process ids it found this way.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace ringside::test {

// Children of `parent` running the board emulator (argv[0] ends in ringside-board-emulator).
std::vector<pid_t> emulator_children(pid_t parent);

// The state letter of /proc/PID/stat ('R' running, 'S' sleeping, 'T' stopped, 'Z' zombie,
// ...); 0 when there is no such process.
char process_state(pid_t pid);

// True once `pid` has exited: no such process, or a zombie its parent has not reaped yet.
bool has_exited(pid_t pid);

// Waits (polling every 5 ms) until has_exited(pid), at most `within`; whether it did.
bool wait_exited(pid_t pid, std::chrono::milliseconds within);

// Bytes the process has read from files, pipes and terminals so far (/proc/PID/io rchar);
// nullopt when it cannot be read (gone).
std::optional<std::uint64_t> bytes_read(pid_t pid);

} // namespace ringside::test
