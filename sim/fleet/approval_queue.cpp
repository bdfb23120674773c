#include "sim/fleet/approval_queue.hpp"

namespace ringside::sim {

void ApprovalQueue::post(ApprovalRequest request) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (closed_) return;
        waiting_.push_back(std::move(request));
    }
    ready_.notify_one();
}

std::optional<ApprovalRequest> ApprovalQueue::take() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return closed_ || !waiting_.empty(); });
    if (closed_) return std::nullopt;
    ApprovalRequest next = std::move(waiting_.front());
    waiting_.pop_front();
    return next;
}

void ApprovalQueue::close() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        closed_ = true;
        waiting_.clear();
    }
    ready_.notify_all();
}

} // namespace ringside::sim
