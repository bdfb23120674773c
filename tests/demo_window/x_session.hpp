#pragma once
// Real processes for the demo window tests, through Boost.Process (kept in x_session.cpp):
// an Xvfb server on a display number it picks itself (-displayfd), `ringside demo` shown on
// it with its stdout read line by line, screenshots of the whole X screen taken from
// outside with xwd (x11-apps) and parsed here, and xdotool (Debian's xdotool) for keys and
// clicks. Every wait is bounded. Who may call: the demo_window tests.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ringside::test {

// An X server for the lifetime of this object (SIGTERM and reaped at the end).
class XServer {
public:
    XServer();  // throws std::runtime_error when Xvfb does not come up within 10 s
    ~XServer();
    const std::string& display() const { return display_; }  // e.g. ":93"

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string display_;
};

// The X screen as 8-bit RGB.
struct Screenshot {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;
    struct Px {
        int r, g, b;
    };
    Px at(int x, int y) const {
        const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 3;
        return {rgb[i], rgb[i + 1], rgb[i + 2]};
    }
};

// `xwd -root` of `display`, parsed (ZPixmap, 24 or 32 bits per pixel, either byte order).
// Throws std::runtime_error naming what it could not read.
Screenshot screenshot(const std::string& display);
// Parses an XWD file's bytes (exposed for its own test).
Screenshot parse_xwd(const std::string& bytes);

// Runs xdotool with `args` on `display`; returns its stdout (killed after 10 s).
std::string xdotool(const std::string& display, const std::vector<std::string>& args);

// `ringside demo` + `args` on `display`, from the source tree root. Its stdout and stderr are
// collected line by line on a reader thread.
class DemoProcess {
public:
    DemoProcess(const std::string& display, const std::vector<std::string>& args);
    ~DemoProcess();  // kills it if still running

    // Waits (at most `limit`) for a line containing `text`; returns it, or "" at the limit.
    std::string wait_for_line(const std::string& text, std::chrono::milliseconds limit);
    // Waits (at most `limit`) for the exit; returns the exit code, -1 if it had to be killed.
    int wait_exit(std::chrono::milliseconds limit);
    std::string output() const;  // everything so far

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace ringside::test
