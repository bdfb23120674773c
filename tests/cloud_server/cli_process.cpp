#include "cloud_server/cli_process.hpp"

#include "scoped_env.hpp"

#include <boost/process.hpp>

#include <future>
#include <mutex>
#include <thread>

namespace bp = boost::process;

namespace ringside::test {

struct CliProcess::Impl {
    bp::ipstream out;
    bp::child child;
    std::future<void> reader;
    std::mutex mutex;
    std::string text;
};

CliProcess::CliProcess(const std::vector<std::string>& args, const std::vector<std::string>& env)
    : impl_(std::make_unique<Impl>()) {
    {
        const ScopedEnv scoped(env);  // the child inherits these
        impl_->child = bp::child(RINGSIDE_BINARY, bp::args(args), bp::start_dir(RINGSIDE_SOURCE_DIR),
                                 (bp::std_out & bp::std_err) > impl_->out);
    }
    impl_->reader = std::async(std::launch::async, [i = impl_.get()] {
        std::string line;
        while (std::getline(i->out, line)) {
            std::lock_guard<std::mutex> lock(i->mutex);
            i->text += line + "\n";
        }
    });
}

CliProcess::~CliProcess() {
    std::error_code ec;
    if (impl_->child.running(ec)) impl_->child.terminate(ec);
    impl_->child.wait(ec);
}

std::string CliProcess::text() {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->text;
}

std::string CliProcess::wait_for(const std::regex& pattern, std::chrono::milliseconds within) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < deadline) {
        std::smatch m;
        const std::string t = text();
        if (std::regex_search(t, m, pattern)) return m[1];
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return "";
}

int CliProcess::exit_code(std::chrono::milliseconds within) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    std::error_code ec;
    while (impl_->child.running(ec)) {
        if (std::chrono::steady_clock::now() >= deadline) {
            impl_->child.terminate(ec);
            impl_->child.wait(ec);
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    impl_->child.wait(ec);
    impl_->reader.wait_for(std::chrono::seconds(2));
    return impl_->child.exit_code();
}

} // namespace ringside::test
