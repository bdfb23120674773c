#include "cloud/server/tenants.hpp"

#include <algorithm>

namespace ringside::cloud {

std::string Tenants::create(CloudConfig config) {
    config.journal_capacity = journal_capacity_;
    auto host = std::make_shared<CloudHost>(std::move(config), nullptr);
    std::lock_guard<std::mutex> lock(mutex_);
    if (live_.size() >= kMaxLive) {
        const auto oldest = std::min_element(live_.begin(), live_.end(), [](const auto& a, const auto& b) {
            return a.second.last_used < b.second.last_used;
        });
        live_.erase(oldest);
    }
    const std::string id = "t" + std::to_string(++made_);
    live_[id] = Entry{std::move(host), ++uses_};
    return id;
}

std::shared_ptr<CloudHost> Tenants::find(const std::string& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = live_.find(id);
    if (it == live_.end()) return nullptr;
    it->second.last_used = ++uses_;
    return it->second.host;
}

bool Tenants::close(const std::string& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    return live_.erase(id) > 0;
}

} // namespace ringside::cloud
