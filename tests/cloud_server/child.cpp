#include "cloud_server/child.hpp"

#include "scoped_env.hpp"

#include <boost/process.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace bp = boost::process;

namespace ringside::test {

struct CloudProcess::Impl {
    bp::ipstream out;
    bp::child child;
};

CloudProcess::CloudProcess(const std::vector<std::string>& args, std::chrono::milliseconds ready_within)
    : impl_(std::make_unique<Impl>()) {
    std::vector<std::string> argv{"cloud", "--port", "0"};
    argv.insert(argv.end(), args.begin(), args.end());
    impl_->child = bp::child(RINGSIDE_BINARY, bp::args(argv), (bp::std_out & bp::std_err) > impl_->out);
    // Read lines on a helper task so a silent child cannot hang the test.
    auto reading = std::async(std::launch::async, [this] {
        std::string line, seen;
        while (std::getline(impl_->out, line)) {
            seen += line + "\n";
            if (line.rfind("issuer ", 0) == 0) issuer_ = line.substr(7);
            if (line.rfind("admin token ", 0) == 0) admin_token_ = line.substr(12);
            if (line == "ready") return std::string();
        }
        return "ringside cloud exited before it was ready; it printed:\n" + seen;
    });
    if (reading.wait_for(ready_within) != std::future_status::ready) {
        kill_hard();
        reading.wait();
        throw std::runtime_error("ringside cloud printed no 'ready' line within the time allowed");
    }
    const std::string failure = reading.get();
    if (!failure.empty()) {
        impl_->child.wait();
        throw std::runtime_error(failure + "(exit code " + std::to_string(impl_->child.exit_code()) + ")");
    }
}

CloudProcess::~CloudProcess() {
    if (impl_->child.valid() && impl_->child.running()) stop();
}

bool CloudProcess::running() { return impl_->child.running(); }

int CloudProcess::pid() const { return impl_->child.id(); }

int CloudProcess::stop() {
    if (!impl_->child.running()) return impl_->child.exit_code();
    ::kill(impl_->child.id(), SIGTERM);
    // Polled rather than wait_for: Boost.Process's wait_for can sleep out its whole timeout
    // for a child that already exited, which cost every test here a needless 5 s at random.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (impl_->child.running()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            kill_hard();
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return impl_->child.exit_code();
}

void CloudProcess::kill_hard() {
    std::error_code ec;
    impl_->child.terminate(ec);
    impl_->child.wait(ec);
}

CliResult run_cli(const std::vector<std::string>& args, const std::vector<std::string>& env,
                  std::chrono::milliseconds limit) {
    bp::ipstream out;
    const auto start = [&] {
        const ScopedEnv scoped(env);  // the child inherits these
        return bp::child(RINGSIDE_BINARY, bp::args(args), bp::start_dir(RINGSIDE_SOURCE_DIR),
                         (bp::std_out & bp::std_err) > out);
    };
    bp::child c = start();
    auto reading = std::async(std::launch::async, [&out] {
        return std::string((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
    });
    CliResult r;
    if (!c.wait_for(limit)) {
        std::error_code ec;
        c.terminate(ec);
        c.wait(ec);
        r.output = reading.get();
        return r;
    }
    r.output = reading.get();
    r.exit_code = c.exit_code();
    return r;
}

HttpResult curl(const std::vector<std::string>& args) {
    char header_file[] = "/tmp/ringside-curl-XXXXXX";
    const int fd = mkstemp(header_file);
    if (fd >= 0) close(fd);
    std::vector<std::string> argv{"-s", "--max-time", "10", "-D", header_file, "-w", "\n%{time_starttransfer} %{http_code}"};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto started = std::chrono::steady_clock::now();
    bp::ipstream out;
    bp::child c(bp::search_path("curl"), bp::args(argv), bp::std_out > out, bp::std_err > bp::null);
    std::string all((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
    c.wait();
    HttpResult r;
    r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    r.exit_code = c.exit_code();
    const auto last = all.rfind('\n');
    const char* tail = all.c_str() + (last == std::string::npos ? 0 : last + 1);
    char* after_time = nullptr;
    r.first_byte = std::chrono::milliseconds(static_cast<long long>(std::strtod(tail, &after_time) * 1000));
    r.status = std::atoi(after_time);
    r.body = last == std::string::npos ? std::string() : all.substr(0, last);
    std::ifstream h(header_file);
    std::stringstream hs;
    hs << h.rdbuf();
    r.headers = hs.str();
    std::remove(header_file);
    return r;
}

} // namespace ringside::test
