#pragma once
// A worker that is about to wait on purpose (an injected delay, a dribble's pause, a drop
// held open) says so, and the connection loop adds a worker while fewer than its core
// number are free to serve: a few small workers keep the server fast (fewer threads to wake
// on two cores), and faults that hold their answers cannot starve other requests.
// Who may call: code running on a connection loop worker (answer_delivery.cpp); elsewhere
// a BlockingWait does nothing.
#include <functional>

namespace ringside::cloud {

class BlockingWait {
public:
    BlockingWait();
    ~BlockingWait();
    BlockingWait(const BlockingWait&) = delete;
    BlockingWait& operator=(const BlockingWait&) = delete;

    // For the connection loop: what this thread calls when a wait begins (true) and ends
    // (false). Set once on each worker thread.
    static void on_this_thread(std::function<void(bool waiting)> hook);
};

} // namespace ringside::cloud
