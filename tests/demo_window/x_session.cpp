#include "demo_window/x_session.hpp"

#include <boost/process.hpp>

#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "scoped_env.hpp"

namespace bp = boost::process;

namespace ringside::test {
namespace {

std::string read_all_bounded(bp::child& c, bp::ipstream& out, std::chrono::milliseconds limit, const char* what) {
    auto reading = std::async(std::launch::async, [&out] {
        return std::string((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
    });
    if (reading.wait_for(limit) != std::future_status::ready) {
        std::error_code ec;
        c.terminate(ec);
        reading.wait();
        c.wait(ec);
        throw std::runtime_error(std::string(what) + " did not finish in time");
    }
    std::string all = reading.get();
    c.wait();
    return all;
}

std::uint32_t be32(const std::string& b, std::size_t at) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

void stop_child(bp::child& c) {
    if (!c.valid() || !c.running()) return;
    ::kill(c.id(), SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (c.running() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::error_code ec;
    if (c.running()) c.terminate(ec);
    c.wait(ec);
}

} // namespace

struct XServer::Impl {
    bp::ipstream out;
    bp::child child;
};

XServer::XServer() : impl_(std::make_unique<Impl>()) {
    // -displayfd: Xvfb takes the first free display number and writes it on stdout when ready.
    impl_->child = bp::child(bp::search_path("Xvfb"), bp::args({"-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"}),
                             bp::std_out > impl_->out, bp::std_err > bp::null);
    auto reading = std::async(std::launch::async, [this] {
        std::string line;
        std::getline(impl_->out, line);
        return line;
    });
    if (reading.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
        stop_child(impl_->child);
        reading.wait();
        throw std::runtime_error("Xvfb did not say its display within 10 s");
    }
    const std::string number = reading.get();
    if (number.empty()) throw std::runtime_error("Xvfb exited before it was ready");
    display_ = ":" + number;
}

XServer::~XServer() { stop_child(impl_->child); }

Screenshot parse_xwd(const std::string& b) {
    if (b.size() < 100) throw std::runtime_error("xwd wrote " + std::to_string(b.size()) + " bytes: no XWD header");
    const std::uint32_t header = be32(b, 0), version = be32(b, 4), format = be32(b, 8);
    const std::uint32_t width = be32(b, 16), height = be32(b, 20), byte_order = be32(b, 28);
    const std::uint32_t bits_per_pixel = be32(b, 44), bytes_per_line = be32(b, 48), ncolors = be32(b, 76);
    const std::uint32_t red_mask = be32(b, 56), green_mask = be32(b, 60), blue_mask = be32(b, 64);
    if (version != 7 || format != 2) throw std::runtime_error("not a version 7 ZPixmap XWD file");
    if (bits_per_pixel != 24 && bits_per_pixel != 32) throw std::runtime_error("XWD with " + std::to_string(bits_per_pixel) + " bits per pixel");
    const std::size_t bytes = bits_per_pixel / 8;
    const std::size_t data = header + static_cast<std::size_t>(ncolors) * 12;
    if (b.size() < data + static_cast<std::size_t>(bytes_per_line) * height) throw std::runtime_error("XWD file cut short");
    const auto shift = [](std::uint32_t mask) {
        int s = 0;
        while (mask && !(mask & 1)) {
            mask >>= 1;
            ++s;
        }
        return s;
    };
    Screenshot s;
    s.width = static_cast<int>(width);
    s.height = static_cast<int>(height);
    s.rgb.resize(static_cast<std::size_t>(width) * height * 3);
    for (std::uint32_t y = 0; y < height; ++y)
        for (std::uint32_t x = 0; x < width; ++x) {
            const std::size_t at = data + static_cast<std::size_t>(y) * bytes_per_line + x * bytes;
            std::uint32_t v = 0;
            for (std::size_t k = 0; k < bytes; ++k) {
                const std::uint32_t byte = static_cast<unsigned char>(b[at + k]);
                v |= byte_order == 0 ? byte << (8 * k) : byte << (8 * (bytes - 1 - k));
            }
            std::uint8_t* out = &s.rgb[(static_cast<std::size_t>(y) * width + x) * 3];
            out[0] = static_cast<std::uint8_t>((v & red_mask) >> shift(red_mask));
            out[1] = static_cast<std::uint8_t>((v & green_mask) >> shift(green_mask));
            out[2] = static_cast<std::uint8_t>((v & blue_mask) >> shift(blue_mask));
        }
    return s;
}

Screenshot screenshot(const std::string& display) {
    bp::ipstream out;
    bp::child c(bp::search_path("xwd"), bp::args({"-root", "-silent", "-display", display}), bp::std_out > out,
                bp::std_err > bp::null);
    return parse_xwd(read_all_bounded(c, out, std::chrono::seconds(10), "xwd"));
}

std::string xdotool(const std::string& display, const std::vector<std::string>& args) {
    bp::ipstream out;
    const auto start = [&] {
        const ScopedEnv scoped({"DISPLAY=" + display});  // the child inherits it
        return bp::child(bp::search_path("xdotool"), bp::args(args), bp::std_out > out, bp::std_err > bp::null);
    };
    bp::child c = start();
    return read_all_bounded(c, out, std::chrono::seconds(10), "xdotool");
}

struct DemoProcess::Impl {
    bp::ipstream out;
    bp::child child;
    std::thread reader;
    mutable std::mutex mutex;
    std::condition_variable changed;
    std::string text;
    bool ended = false;
};

DemoProcess::DemoProcess(const std::string& display, const std::vector<std::string>& args) : impl_(std::make_unique<Impl>()) {
    std::vector<std::string> argv{"demo"};
    argv.insert(argv.end(), args.begin(), args.end());
    {
        const ScopedEnv scoped({"DISPLAY=" + display});  // the child inherits it
        impl_->child = bp::child(RINGSIDE_BINARY, bp::args(argv), bp::start_dir(RINGSIDE_SOURCE_DIR),
                                 (bp::std_out & bp::std_err) > impl_->out);
    }
    impl_->reader = std::thread([i = impl_.get()] {
        std::string line;
        while (std::getline(i->out, line)) {
            std::lock_guard<std::mutex> lock(i->mutex);
            i->text += line + "\n";
            i->changed.notify_all();
        }
        std::lock_guard<std::mutex> lock(i->mutex);
        i->ended = true;
        i->changed.notify_all();
    });
}

DemoProcess::~DemoProcess() {
    stop_child(impl_->child);
    if (impl_->reader.joinable()) impl_->reader.join();
}

std::string DemoProcess::wait_for_line(const std::string& text, std::chrono::milliseconds limit) {
    std::unique_lock<std::mutex> lock(impl_->mutex);
    std::string found;
    impl_->changed.wait_for(lock, limit, [&] {
        const auto at = impl_->text.find(text);
        if (at != std::string::npos) {
            const auto begin = impl_->text.rfind('\n', at);
            const auto end = impl_->text.find('\n', at);
            found = impl_->text.substr(begin == std::string::npos ? 0 : begin + 1, end - (begin == std::string::npos ? 0 : begin + 1));
            return true;
        }
        return impl_->ended;
    });
    return found;
}

int DemoProcess::wait_exit(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (impl_->child.running()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            std::error_code ec;
            impl_->child.terminate(ec);
            impl_->child.wait(ec);
            if (impl_->reader.joinable()) impl_->reader.join();
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    impl_->child.wait();
    if (impl_->reader.joinable()) impl_->reader.join();
    return impl_->child.exit_code();
}

std::string DemoProcess::output() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->text;
}

} // namespace ringside::test
