#pragma once
// The mock auth cloud's service logic: request + now -> response, no I/O, no wall clock.
// The in-process transport calls handle() at the virtual time a request arrives; the HTTP
// server (later) calls it with its own clock. Single-threaded: callers serialise.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/cloud/cloud_types.hpp"

namespace ringside::cloud {

class CloudService {
public:
    explicit CloudService(CloudConfig config);
    ~CloudService();
    CloudService(const CloudService&) = delete;
    CloudService& operator=(const CloudService&) = delete;

    // Serves one request: RFC 8414 metadata, RFC 8628 device authorization, RFC 6749 token
    // (device_code and refresh_token grants). Errors follow RFC 6749 §5.2.
    CloudResponse handle(const CloudRequest& request, Millis now);

    // The user's side (the app confirming, or a person on the verification page).
    // `user_code` is matched case-insensitively with dashes ignored.
    ApprovalResult approve(std::string_view user_code, std::string_view account_id, Millis now);
    ApprovalResult deny(std::string_view user_code, Millis now);

    void add_fault(Fault fault);

    const std::vector<JournalEntry>& journal() const;
    const CloudConfig& config() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace ringside::cloud
