#include "cli/command_help.hpp"
#include "cli/signin_command.hpp"

#include <chrono>
#include <cstdlib>
#include <ostream>
#include <stdexcept>
#include <thread>

#include "cli/issuer_exchanges.hpp"
#include "firmware/core/states.hpp"
#include "sim/issuer/issuer_flags.hpp"
#include "sim/issuer/issuer_session.hpp"
#include "sim/issuer/scope_warning.hpp"
#include "sim/text/wall_duration.hpp"

namespace ringside::cli {
namespace {

using WallClock = sim::WallPacer::WallClock;
using std::chrono::milliseconds;

struct Usage : std::runtime_error {
    using std::runtime_error::runtime_error;
};

constexpr milliseconds kMaxStay = std::chrono::hours(24);

struct SigninOptions {
    sim::IssuerFlags issuer;
    milliseconds timeout = std::chrono::seconds(600);
    milliseconds stay{0};  // 0: done once linked
};

SigninOptions parse(const std::vector<std::string>& args) {
    SigninOptions o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw Usage(a + " needs a value");
            return args[++i];
        };
        bool issuer_flag = false;
        try {
            issuer_flag = sim::take_issuer_flag(args, i, o.issuer);
        } catch (const sim::IssuerFlagError& e) {
            throw Usage(e.what());
        }
        if (issuer_flag) continue;
        if (a == "--timeout") {
            const std::string& v = value();
            char* end = nullptr;
            const double seconds = std::strtod(v.c_str(), &end);
            if (v.empty() || *end || !(seconds > 0) || seconds > 86'400)
                throw Usage("--timeout: expected seconds, more than 0 and at most 86400, got '" + v + "'");
            o.timeout = milliseconds(static_cast<long long>(seconds * 1000));
        } else if (a == "--stay") {
            const std::string& v = value();
            const auto ms = text::wall_duration_ms(v);
            if (!ms || !(*ms >= 1000) || *ms > kMaxStay.count())
                throw Usage("--stay: expected a time from 1s to 24h such as 90s, 5m or 2h (a bare number is "
                            "seconds), got '" + v + "'");
            o.stay = milliseconds(static_cast<long long>(*ms));
        } else {
            throw Usage("unknown option '" + a + "' for 'ringside signin'");
        }
    }
    if (o.issuer.issuer.empty()) throw Usage("'ringside signin' needs --issuer URL");
    return o;
}

std::string seconds(milliseconds t) {
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

// The command's own states:
//   SigningIn --linked--> Staying (with --stay) or done (exit 0)
//   SigningIn --gave up / timeout--> done (exit 1)
//   Staying --D passed, still linked--> done (exit 0)
//   Staying --device left Linked (refresh token refused, unrecoverable answer)--> done (exit 1)
enum class Phase { SigningIn, Staying };

} // namespace

int signin_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    SigninOptions options;
    std::unique_ptr<sim::IssuerSession> session;
    try {
        options = parse(args);
        // Before the speaker starts: a person reads it before any code is shown.
        err << sim::scope_warning(options.issuer) << std::flush;
        session = std::make_unique<sim::IssuerSession>(sim::session_options(options.issuer), WallClock::now());
    } catch (const Usage& e) {
        err << "error: " << e.what() << "; " << see_help("signin") << "\n";
        return 2;
    } catch (const std::invalid_argument& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    }
    const auto started = WallClock::now();
    const auto deadline = started + options.timeout;
    out << "signing in against " << options.issuer.issuer << " as client " << options.issuer.client_id << ", scope "
        << options.issuer.scope << " (giving up after " << seconds(options.timeout) << ")\n"
        << std::flush;

    Phase phase = Phase::SigningIn;
    WallClock::time_point stay_until{};
    Shown shown;
    ExchangeLines exchanges;
    std::size_t said = 0;
    std::string problem;
    for (;;) {
        const auto now = WallClock::now();
        session->advance(now);
        sim::VirtualSpeaker& speaker = session->speaker();
        const std::string at = seconds(std::chrono::duration_cast<milliseconds>(now - started));

        exchanges.print_new(session->issuer().journal(), at + " ", out);
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
        for (; said < speaker.spoken().size(); ++said) out << at << " speaker says: " << speaker.spoken()[said].text << "\n";
        out << std::flush;

        if (phase == Phase::SigningIn) {
            if (next.auth == fw::AuthState::Linked) {
                out << "linked after " << at << "\n";
                if (options.stay.count() == 0) return 0;
                phase = Phase::Staying;
                stay_until = now + options.stay;
                out << "staying signed in for " << seconds(options.stay) << ": each refresh shows\n" << std::flush;
            } else if (next.auth == fw::AuthState::Failed || next.device == fw::DeviceState::Error) {
                out << "not linked: the speaker gave up" << (problem.empty() ? "" : " (" + problem + ")") << "\n";
                return 1;
            } else if (now >= deadline) {
                out << "not linked within " << seconds(options.timeout) << (problem.empty() ? "" : " (" + problem + ")")
                    << "\n";
                return 1;
            }
        } else {
            const std::string tally = std::to_string(exchanges.refreshes()) + " refresh(es), " +
                                      std::to_string(exchanges.refreshes_issued()) + " answered with tokens";
            // Expired is still signed in: the refresh token stands, a refresh is due.
            if (next.device != fw::DeviceState::Linked) {
                out << "lost its sign-in after " << at << " (" << tally << ")"
                    << (problem.empty() ? "" : ": " + problem) << "\n";
                return 1;
            }
            if (now >= stay_until) {
                out << "still linked after staying " << seconds(options.stay) << " (" << tally << ")\n";
                return 0;
            }
        }
        std::this_thread::sleep_for(milliseconds(20));
    }
}

} // namespace ringside::cli
