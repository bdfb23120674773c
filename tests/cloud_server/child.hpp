#pragma once
// Child processes for the HTTP cloud tests, through Boost.Process (kept inside child.cpp):
// `ringside cloud` as a server that the test waits for (its "ready" line, never a sleep),
// and curl as the one-shot client a person would use.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace ringside::test {

// `ringside cloud` running for the lifetime of this object. The constructor returns once
// the server printed "ready", or throws with what the child printed if it exited first or
// stayed silent for `ready_within`. The destructor sends SIGTERM and reaps the child.
class CloudProcess {
public:
    explicit CloudProcess(const std::vector<std::string>& args = {},
                          std::chrono::milliseconds ready_within = std::chrono::seconds(10));
    ~CloudProcess();

    const std::string& issuer() const { return issuer_; }
    const std::string& admin_token() const { return admin_token_; }
    bool running();
    int pid() const;  // the child's process id, for tests that limit or inspect it
    // Sends SIGTERM and waits (bounded); returns the exit code, -1 if it had to be killed.
    int stop();
    void kill_hard();  // SIGKILL, as a crash would

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string issuer_, admin_token_;
};

struct HttpResult {
    int status = 0;      // 0: no HTTP answer at all
    std::string body;
    std::string headers; // raw response headers
    int exit_code = -1;  // curl's: 0 fine, 28 timed out, 52 empty reply, 56 receive failure...
    std::chrono::milliseconds elapsed{0};     // wall time of the whole curl run
    std::chrono::milliseconds first_byte{0};  // curl's time_starttransfer
};

// The `ringside` CLI run once from the source tree root with `args` and extra environment
// (NAME=value each); killed if it runs past `limit`. Output is stdout and stderr together.
struct CliResult {
    int exit_code = -1;  // -1: killed at the limit
    std::string output;
};
CliResult run_cli(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
                  std::chrono::milliseconds limit = std::chrono::seconds(60));

// Runs curl with `args` (plus -s, a 10 s cap, and status/header/timing capture); e.g.
// curl({"-d", "client_id=x", url}). A later --max-time in `args` wins over the 10 s.
HttpResult curl(const std::vector<std::string>& args);

} // namespace ringside::test
