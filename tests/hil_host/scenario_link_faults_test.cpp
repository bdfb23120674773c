// Link faults at scenario level: a real scenario played through runner::run_scenario on the
// real board emulator (firmware + agent in their own process, on a PTY), with the wire
// from the board damaged at a chosen point mid-scenario. Garbage that costs no frame is
// recovered from — the scenario passes with the trace it has on a clean wire, the garbage
// counted by the link; anything that costs a frame, a board that announces itself again, a
// port that closes and a board that dies end the scenario as "lost the board" with a message
// naming the port and what happened. Every outcome arrives in bounded wall time, measured.
#include <catch2/catch.hpp>

#include <signal.h>

#include <map>
#include <string>

#include "emulator_board.hpp"
#include "link_test_support.hpp"
#include "process_probe.hpp"
#include "runner/scenario_executor.hpp"
#include "runner/scenario_loader.hpp"

using namespace ringside;
using namespace ringside::test;
using hil::MessageType;

namespace {

const std::string kSignIn = std::string(RINGSIDE_SOURCE_DIR) + "/scenarios/sign_in/first_time_setup_and_sign_in.yaml";
const std::string kRefresh24h = std::string(RINGSIDE_SOURCE_DIR) + "/scenarios/tokens/hourly_refresh_for_24h.yaml";

// Short enough that a silent board costs the test little, long enough for a loaded CI host
// (the emulator answers a grant in well under a millisecond).
hil::BoardDeviceOptions quick_answers() {
    hil::BoardDeviceOptions o;
    o.answer_within = std::chrono::milliseconds(1500);
    return o;
}

struct Played {
    runner::ScenarioResult result;
    std::shared_ptr<Observed> seen = std::make_shared<Observed>();
    long long wall_ms = 0;
};

Played play(const std::string& file, const Fault& fault) {
    const runner::Scenario s = runner::load_scenario(file);
    Played p;
    Stopwatch clock;
    p.result = runner::run_scenario(s, s.seed, {{}, noisy_emulator(fault, p.seen, quick_answers())});
    p.wall_ms = clock.ms();
    return p;
}

std::string trace_text(const std::vector<sim::TraceLine>& trace) {
    std::string text;
    for (const auto& l : trace)
        text += std::to_string(l.at.count()) + " " + l.category + " " + l.event + " " + l.detail + "\n";
    return text;
}

// The control: the same scenario through the decorator with no fault. It must pass, with
// the virtual board's trace, on a clean link; its frame count places the faults mid-run.
struct Control {
    std::uint64_t frames = 0;
    std::string trace;
};
const Control& control(const std::string& file) {
    static std::map<std::string, Control> made;
    auto it = made.find(file);
    if (it != made.end()) return it->second;
    const Played p = play(file, Fault{});
    INFO(file << (p.result.passed() ? "" : ": " + p.result.failure->message));
    REQUIRE(p.result.passed());
    REQUIRE(p.seen->counters);
    const runner::Scenario s = runner::load_scenario(file);
    const runner::ScenarioResult virtual_board = runner::run_scenario(s, s.seed);
    CHECK(trace_text(p.result.trace) == trace_text(virtual_board.trace));
    CHECK(p.seen->counters->damage_since({}).empty());
    CHECK(p.seen->counters->frames_received > 100);
    return made.emplace(file, Control{p.seen->noisy->frames_from_board, trace_text(p.result.trace)}).first->second;
}

Fault at_middle(const std::string& file, Fault::Kind kind, std::optional<MessageType> type = std::nullopt) {
    Fault f;
    f.kind = kind;
    f.after_frames = control(file).frames / 2;
    f.type = type;
    return f;
}

// A lost board: the message, and the rest of what every such ending must show.
void expect_lost(const Played& p, const std::string& message) {
    INFO("wall " << p.wall_ms << " ms; fired at frame " << p.seen->noisy->fired_at_frame);
    CHECK(p.seen->noisy->fired);
    CHECK(p.result.lost);
    REQUIRE_FALSE(p.result.passed());
    CHECK(p.result.failure->message == "lost the board: " + message);
    CHECK(p.result.failure->step_number >= 1);  // during a step, not while setting up
    CHECK(p.seen->boards == 1);
    CHECK(has_exited(p.seen->emulator));        // the emulator went with the world
}

} // namespace

TEST_CASE("scenario link faults: the control run through the decorator matches the virtual board", "[hil_host][scenario_faults]") {
    Stopwatch clock;
    const Control& c = control(kSignIn);
    CHECK(c.frames > 100);
    CHECK(clock.ms() < 10000);
}

TEST_CASE("scenario link faults: garbage that costs no frame is recovered from and counted", "[hil_host][scenario_faults]") {
    const Control& c = control(kSignIn);
    Fault f = at_middle(kSignIn, Fault::Kind::Garbage);
    std::uint64_t malformed = 0, overflow = 0;
    SECTION("a line of text between two frames (a boot banner, a stray printf)") {
        const std::string text = "boot: ringside v0.9 (garbage)\r\n";
        f.garbage.assign(text.begin(), text.end());
        malformed = 1;
    }
    SECTION("noise right before a TimeDone, the frame a lockstep host waits for") {
        f.type = MessageType::TimeDone;
        f.garbage = {0x7F, 0x13, 0xFF, 0x42};
        malformed = 1;
    }
    SECTION("a run longer than any frame (a board babbling at another baud rate)") {
        f.garbage.assign(3000, 0x55);
        overflow = 1;
    }
    const Played p = play(kSignIn, f);
    INFO("wall " << p.wall_ms << " ms" << (p.result.passed() ? "" : "; " + p.result.failure->message));
    CHECK(p.seen->noisy->fired);
    REQUIRE(p.result.passed());
    CHECK(trace_text(p.result.trace) == c.trace);  // nothing the board said went missing
    REQUIRE(p.seen->counters);
    CHECK(p.seen->counters->malformed == malformed);
    CHECK(p.seen->counters->overflow == overflow);
    CHECK(p.seen->counters->frames_lost == 0);
    CHECK(p.seen->counters->bytes_discarded == f.garbage.size() + 1);  // with its delimiter
    CHECK(p.wall_ms < 10000);
}

TEST_CASE("scenario link faults: a lost frame ends the scenario, naming the port and the damage", "[hil_host][scenario_faults]") {
    Fault f;
    std::string damage;
    SECTION("a frame cut short") {
        f = at_middle(kSignIn, Fault::Kind::Truncate, MessageType::Trace);
        damage = "1 malformed frame, 1 frame lost";
    }
    SECTION("a flipped bit") {
        f = at_middle(kSignIn, Fault::Kind::FlipBit, MessageType::Status);
        damage = "1 frame with bad CRC, 1 frame lost";
    }
    SECTION("a frame that never arrives") {
        f = at_middle(kSignIn, Fault::Kind::Drop, MessageType::Trace);
        damage = "1 frame lost";
    }
    SECTION("garbage with no delimiter of its own, which takes the next frame with it") {
        f = at_middle(kSignIn, Fault::Kind::Garbage, MessageType::Trace);
        f.garbage = {0x31, 0x32, 0x33};
        f.garbage_delimited = false;
        damage = "1 malformed frame, 1 frame lost";
    }
    SECTION("a frame of another protocol version") {
        f = at_middle(kSignIn, Fault::Kind::ForeignVersion, MessageType::Status);
        damage = "1 frame of protocol version 9, 1 frame lost";
    }
    const Played p = play(kSignIn, f);
    expect_lost(p, "the link on emulator is damaged: " + damage);
    CHECK(p.seen->noisy->fired_on == f.type);
    CHECK(p.wall_ms < 5000);
}

TEST_CASE("scenario link faults: a damaged TimeDone leaves a silent board, and the deadline names the damage", "[hil_host][scenario_faults]") {
    Fault f;
    std::string damage;
    SECTION("a flipped bit") {
        f = at_middle(kSignIn, Fault::Kind::FlipBit, MessageType::TimeDone);
        damage = " (the link is damaged: 1 frame with bad CRC)";
    }
    SECTION("cut short") {
        f = at_middle(kSignIn, Fault::Kind::Truncate, MessageType::TimeDone);
        damage = " (the link is damaged: 1 malformed frame)";
    }
    SECTION("lost without a trace: nothing was counted, so nothing is named") {
        f = at_middle(kSignIn, Fault::Kind::Drop, MessageType::TimeDone);
    }
    const Played p = play(kSignIn, f);
    // The grant that went unanswered is named by its span of world time.
    expect_lost(p, "the board on emulator did not answer the TimeGrant from 00:00:07.860 to 00:00:17.820 within 1500 ms" +
                       damage + "; a slow board may need a longer --board-timeout");
    CHECK(p.wall_ms >= 1500);  // it was the answer deadline that ended it ...
    CHECK(p.wall_ms < 5000);   // ... and nothing else waited
}

TEST_CASE("scenario link faults: a board that halts with a Fault ends the scenario, quoting it", "[hil_host][scenario_faults]") {
    Fault f = at_middle(kSignIn, Fault::Kind::BoardFault);
    f.what = "heap allocation of 16 bytes after init (operator new, called from 0x080010e6): this board has no heap";
    const Played p = play(kSignIn, f);
    expect_lost(p, "the board on emulator stopped: " + f.what);
    CHECK(p.wall_ms < 5000);  // at once: not after a deadline for the answer that never comes
}

TEST_CASE("scenario link faults: a board that announces itself again mid-scenario has restarted", "[hil_host][scenario_faults]") {
    const Played p = play(kSignIn, at_middle(kSignIn, Fault::Kind::FakeHelloAck));
    expect_lost(p, "the board on emulator restarted during the scenario (it announced itself again)");
    REQUIRE(p.seen->counters);
    CHECK(p.seen->counters->board_restarts == 1);
    CHECK(p.wall_ms < 5000);
}

TEST_CASE("scenario link faults: a port that closes mid-scenario", "[hil_host][scenario_faults]") {
    const Played p = play(kSignIn, at_middle(kSignIn, Fault::Kind::Close));
    expect_lost(p, "the port emulator closed");
    CHECK(p.wall_ms < 5000);
}

TEST_CASE("scenario link faults: the emulator process killed mid-scenario (a vanished board)", "[hil_host][scenario_faults]") {
    // The 24 h refresh scenario: killed halfway, during the day of refreshes.
    Fault f = at_middle(kRefresh24h, Fault::Kind::Call);
    auto killed = std::make_shared<bool>(false);
    std::shared_ptr<Observed> seen;
    const runner::Scenario s = runner::load_scenario(kRefresh24h);
    Played p;
    f.call = [&p, killed] {
        // SIGKILL, as a crash would; it has exited (its end of the PTY closed) before the
        // host reads on. The process is this test's own child, found by its id.
        *killed = ::kill(p.seen->emulator, SIGKILL) == 0 && wait_exited(p.seen->emulator, std::chrono::seconds(2));
    };
    Stopwatch clock;
    p.result = runner::run_scenario(s, s.seed, {{}, noisy_emulator(f, p.seen, quick_answers())});
    p.wall_ms = clock.ms();
    CHECK(*killed);
    expect_lost(p, "the port emulator closed");
    CHECK(p.wall_ms < 5000);
}
