#include "cloud/server/cloud_host.hpp"

#include <algorithm>

namespace ringside::cloud {

CloudHost::CloudHost(CloudConfig config, std::function<Millis()> elapsed)
    : initial_(config), service_(std::make_unique<CloudService>(std::move(config))), elapsed_(std::move(elapsed)) {}

CloudResponse CloudHost::serve(const CloudRequest& request) {
    std::lock_guard<std::mutex> lock(mutex_);
    return service_->handle(request, now_locked());
}

Millis CloudHost::now() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return now_locked();
}

Millis CloudHost::now_locked() const { return (elapsed_ ? elapsed_() : Millis(0)) + offset_; }

void CloudHost::with_service(const std::function<void(CloudService&, Millis)>& action) {
    std::lock_guard<std::mutex> lock(mutex_);
    action(*service_, now_locked());
}

Millis CloudHost::advance_clock(Millis delta) {
    std::lock_guard<std::mutex> lock(mutex_);
    offset_ += std::max(delta, Millis(0));
    return now_locked();
}

Millis CloudHost::set_clock(Millis at) {
    std::lock_guard<std::mutex> lock(mutex_);
    // Expiry bookkeeping assumes time only moves forward.
    offset_ += std::max(at - now_locked(), Millis(0));
    return now_locked();
}

void CloudHost::reset(std::optional<std::uint64_t> seed) {
    std::lock_guard<std::mutex> lock(mutex_);
    CloudConfig config = initial_;
    if (seed) config.seed = *seed;
    service_ = std::make_unique<CloudService>(std::move(config));
}

} // namespace ringside::cloud
