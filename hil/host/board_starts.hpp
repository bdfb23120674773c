#pragma once
// Boards the harness starts itself (`--port emulator`, `--port qemu`), one started ahead.
// Every world still gets a process of its own that no world used before — flash, RAM and
// link are that process's, so nothing carries over between scenarios — but once a run has
// asked for a second world, the next one's process starts while the current world plays,
// so a scenario does not wait through a start (the emulator's exec and ready line take
// about 5 ms, a sixth of a typical lockstep scenario; QEMU's start is longer still). A
// single-scenario run starts no spare. Shared by the -j workers, so guarded; a spare that did
// not come up (or has gone) is replaced by a start made for that world, whose error, if any,
// is the one reported. Who may call: the HIL device factory.
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>

#include "hil/host/board_process.hpp"

namespace ringside::hil {

class BoardStarts {
public:
    using Start = std::function<std::shared_ptr<BoardProcess>()>;
    explicit BoardStarts(Start start) : start_(std::move(start)) {}

    // For a port the harness starts ("emulator", "qemu"); nullopt-like empty Start otherwise.
    static Start start_for(const std::string& port);

    std::shared_ptr<BoardProcess> take();

private:
    Start start_;
    std::mutex mutex_;
    // Destroyed with the factory: each waits for its start, then ends the unused process.
    std::deque<std::future<std::shared_ptr<BoardProcess>>> spares_;
    int taken_ = 0;
};

} // namespace ringside::hil
