#pragma once
// The mock cloud as a long-running service: the service logic, the clock it runs on, and
// the lock that serialises the HTTP server's worker threads onto it. The admin API
// (admin_api.hpp) works on a host; the HTTP server (cloud_server.hpp) is only its transport.
// Who may call: any thread; every method takes the lock.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "cloud/service/cloud_service.hpp"

namespace ringside::cloud {

class CloudHost {
public:
    // `elapsed` is the real time since the server started (injectable for tests). Without
    // it the clock is virtual: it stands still until the admin moves it, as a scenario's
    // world does when it plays against this cloud.
    CloudHost(CloudConfig config, std::function<Millis()> elapsed);
    bool virtual_clock() const { return !elapsed_; }

    // A public request (OAuth, verification page) at the cloud's current time.
    CloudResponse serve(const CloudRequest& request);

    // The cloud's clock: real elapsed time plus the admin's offset (time travel).
    Millis now() const;

    // Runs `action` on the service under the lock; for the admin API.
    void with_service(const std::function<void(CloudService&, Millis now)>& action);
    // Time travel: shift the clock by `delta`, or set it to `at` (never backwards).
    Millis advance_clock(Millis delta);
    Millis set_clock(Millis at);
    // A fresh service with the start-up configuration (and optionally another seed).
    void reset(std::optional<std::uint64_t> seed);

private:
    Millis now_locked() const;

    mutable std::mutex mutex_;
    CloudConfig initial_;
    std::unique_ptr<CloudService> service_;
    std::function<Millis()> elapsed_;
    Millis offset_{0};
};

} // namespace ringside::cloud
