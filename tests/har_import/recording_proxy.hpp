#pragma once
// A capture tool for the tests: an HTTP proxy on 127.0.0.1 in front of a `ringside cloud`
// that forwards every exchange and records it as a HAR 1.2 entry, as mitmproxy or Charles
// would. The run it records is in virtual time (`ringside run --cloud URL`): its clock is the
// tenant's — the calendar start the client gives the tenant plus the clock it sets through
// the admin API — and a server's response time is the virtual delay the tenant states
// (X-Ringside-Virtual-Delay-Ms), so the capture's timing is the run's.
// Who may call: the har_import tests; one proxy per test.
#include <memory>
#include <string>

namespace ringside::test {

class RecordingProxy {
public:
    explicit RecordingProxy(const std::string& upstream_url);  // "http://127.0.0.1:PORT"
    ~RecordingProxy();
    std::string url() const;  // where clients go instead of upstream
    // The HAR of every exchange so far, as JSON text.
    std::string har() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace ringside::test
