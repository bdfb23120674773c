#pragma once
// One child process started at a time, process-wide. Boost.Process 1.74 (posix executor)
// makes each child's exec-error pipe and only afterwards marks it close-on-exec; a child
// forked by another thread in between inherits the pipe's write end and keeps it for its
// whole life, so the first spawn waits forever for that pipe to close: bp::child's
// constructor never returns and no deadline of ours can end it. Seen: `ringside run
// --target hil --port qemu` hung at its second scenario, where the spare QEMU and that
// scenario's own QEMU start at the same moment (hil/host/board_starts.cpp). A fork and exec
// take a millisecond or so; waiting for the child to be ready stays outside the lock.
// Who may call: whoever constructs a bp::child in the harness (EmulatorProcess,
// QemuProcess): hold the lock for the constructor only.
#include <mutex>

namespace ringside::hil {

inline std::mutex& spawn_mutex() {
    static std::mutex m;
    return m;
}

} // namespace ringside::hil
