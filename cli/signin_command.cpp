#include "cli/command_help.hpp"
#include "cli/signin_command.hpp"

#include <chrono>
#include <cstdlib>
#include <ostream>
#include <stdexcept>
#include <thread>

#include "firmware/core/states.hpp"
#include "sim/issuer/issuer_session.hpp"

namespace ringside::cli {
namespace {

using WallClock = sim::WallPacer::WallClock;

struct Usage : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct SigninOptions {
    sim::IssuerSessionOptions session;
    std::chrono::milliseconds timeout = std::chrono::seconds(600);
};

SigninOptions parse(const std::vector<std::string>& args) {
    SigninOptions o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw Usage(a + " needs a value");
            return args[++i];
        };
        if (a == "--issuer") {
            o.session.issuer = value();
        } else if (a == "--timeout") {
            const std::string& v = value();
            char* end = nullptr;
            const double seconds = std::strtod(v.c_str(), &end);
            if (v.empty() || *end || !(seconds > 0) || seconds > 86'400)
                throw Usage("--timeout: expected seconds, more than 0 and at most 86400, got '" + v + "'");
            o.timeout = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
        } else if (a == "--client-id") {
            o.session.client_id = value();
        } else if (a == "--scope") {
            o.session.scope = value();
        } else if (a == "--ca") {
            o.session.ca_file = value();
        } else {
            throw Usage("unknown option '" + a + "' for 'ringside signin'");
        }
    }
    if (o.session.issuer.empty()) throw Usage("'ringside signin' needs --issuer URL");
    return o;
}

std::string seconds(std::chrono::milliseconds t) {
    const long long ms = t.count();
    return std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + "s";
}

// What the speaker shows, as one line's worth of state.
struct Shown {
    fw::DeviceState device = fw::DeviceState::Off;
    fw::AuthState auth = fw::AuthState::Unlinked;
    fw::RingPattern ring = fw::RingPattern::Off;
    std::string user_code;
    bool operator!=(const Shown& o) const {
        return device != o.device || auth != o.auth || ring != o.ring || user_code != o.user_code;
    }
};

} // namespace

int signin_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    SigninOptions options;
    std::unique_ptr<sim::IssuerSession> session;
    try {
        options = parse(args);
        session = std::make_unique<sim::IssuerSession>(options.session, WallClock::now());
    } catch (const Usage& e) {
        err << "error: " << e.what() << "; " << see_help("signin") << "\n";
        return 2;
    } catch (const std::invalid_argument& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    }
    const auto started = WallClock::now();
    const auto deadline = started + options.timeout;
    out << "signing in against " << options.session.issuer << " as client " << options.session.client_id
        << " (giving up after " << seconds(options.timeout) << ")\n"
        << std::flush;

    Shown shown;
    std::size_t journal_seen = 0;
    std::string problem;
    for (;;) {
        const auto now = WallClock::now();
        session->advance(now);
        sim::VirtualSpeaker& speaker = session->speaker();
        const std::string at = seconds(std::chrono::duration_cast<std::chrono::milliseconds>(now - started));

        const auto& journal = session->issuer().journal();
        for (; journal_seen < journal.size(); ++journal_seen) {
            const cloud::JournalEntry& e = journal[journal_seen];
            out << at << " http " << e.method << " " << e.path << " (" << e.endpoint << ") -> "
                << (e.status == 0 ? std::string("no answer") : std::to_string(e.status))
                << (e.error.empty() ? "" : " " + e.error) << "\n";
        }
        if (session->issuer().problem() != problem) {
            problem = session->issuer().problem();
            if (!problem.empty()) out << at << " problem: " << problem << "\n";
        }
        const Shown next{speaker.device_state(), speaker.auth_state(), speaker.ring_pattern(), speaker.user_code()};
        if (next != shown) {
            out << at << " speaker device=" << fw::to_string(next.device) << " auth=" << fw::to_string(next.auth)
                << " ring=" << fw::to_string(next.ring) << "\n";
            // The code is what the speaker shows the person: the one value printed on purpose.
            if (!next.user_code.empty() && next.user_code != shown.user_code)
                out << at << " user code " << next.user_code << "\n"
                    << at << " open " << session->verification_uri() << " and enter the code\n";
            shown = next;
        }
        out << std::flush;

        if (next.auth == fw::AuthState::Linked) {
            out << "linked after " << at << "\n";
            return 0;
        }
        if (next.auth == fw::AuthState::Failed || next.device == fw::DeviceState::Error) {
            out << "not linked: the speaker gave up" << (problem.empty() ? "" : " (" + problem + ")") << "\n";
            return 1;
        }
        if (now >= deadline) {
            out << "not linked within " << seconds(options.timeout) << (problem.empty() ? "" : " (" + problem + ")")
                << "\n";
            return 1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

} // namespace ringside::cli
