#pragma once
// Codes waiting for the automatic approver: the workers post each new user code their
// speakers show; the approver thread takes them in order. The code lives here only until
// it is submitted, and is never printed.
// Who may call: any thread (post, take, close are locked).
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace ringside::sim {

struct ApprovalRequest {
    std::string verification_uri;
    std::string user_code;
};

class ApprovalQueue {
public:
    void post(ApprovalRequest request);
    // The next request; waits while the queue is empty and open. nullopt once closed.
    std::optional<ApprovalRequest> take();
    // Wakes the approver and makes take() return nullopt from now on (what is left is dropped).
    void close();

private:
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<ApprovalRequest> waiting_;
    bool closed_ = false;
};

} // namespace ringside::sim
